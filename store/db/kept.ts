/**
 * A stored chunk kept as the Arrow IPC bytes it was read from: its arrays are made again from them when
 * first read, and kept from then on.
 *
 * Design choice: a chunk read from IPC is a tree of 25–45 objects (columns, ArrayData, typed-array views),
 * and every full collection visits each of them. A chunk nobody reads is kept as one view of its bytes
 * (the arrays were views of those bytes anyway, so the memory held is the same): a store of big chunks
 * that only grows (a recording streamed in, viewed or not) costs the collector a few cells per chunk.
 */
import type { Field } from "../arrow/types.ts";
import type { Chunk, ChunkShape, ComponentColumn, TimeColumn } from "../chunk.ts";
import type { Tuid } from "../logmsg.ts";
import { chunkFromIpc } from "../transport.ts";

/** A chunk whose columns are read from `ipc` on first use (see above). */
export class KeptChunk implements Chunk {
  readonly id: Tuid;
  readonly entityPath: string;
  readonly isSorted: boolean;
  readonly numRows: number;
  readonly schemaKey: string | undefined;
  readonly shape: ChunkShape | undefined;
  private made: Chunk | null = null;

  /** `chunk` as read from `ipc` (its checks passed, so reading them again cannot fail). */
  constructor(chunk: Chunk, readonly ipc: Uint8Array) {
    this.id = chunk.id;
    this.entityPath = chunk.entityPath;
    this.isSorted = chunk.isSorted;
    this.numRows = chunk.numRows;
    this.schemaKey = chunk.schemaKey;
    this.shape = chunk.shape;
  }

  /** True once the arrays were made. */
  get isMade(): boolean {
    return this.made !== null;
  }

  get rowIdTimeNs(): BigUint64Array {
    return this.full().rowIdTimeNs;
  }

  get rowIdInc(): BigUint64Array {
    return this.full().rowIdInc;
  }

  get timelines(): TimeColumn[] {
    return this.full().timelines;
  }

  get components(): ComponentColumn[] {
    return this.full().components;
  }

  get rowIdField(): Field {
    return this.full().rowIdField;
  }

  get schemaMetadata(): Map<string, string> {
    return this.full().schemaMetadata;
  }

  private full(): Chunk {
    return (this.made ??= chunkFromIpc(this.ipc));
  }
}
