/**
 * Compaction on insert: small temporal chunks of one entity with the same schema are appended to
 * the entity's open chunk of that schema while the result stays under Rerun's limits. Appends go
 * into growable builders (amortised O(1) per row); a full chunk is sealed into exact-size buffers.
 */
import { ArrayBuilder, sameType } from "../arrow/concat.ts";
import { U64 } from "../arrow/make.ts";
import type { ArrayData, DataType, Field } from "../arrow/types.ts";
import { timeField } from "../build.ts";
import type { Chunk, ComponentColumn } from "../chunk.ts";
import type { TimeType, Tuid } from "../logmsg.ts";
import { layoutKey } from "../transport.ts";
import { newTuid } from "../tuid.ts";
import type { Slot } from "./slot.ts";

/** Rerun's `ChunkStoreConfig` compaction thresholds. */
export interface CompactionConfig {
  maxBytes: number;
  maxRows: number;
  maxRowsIfUnsorted: number;
}

/** Rerun 0.22 defaults: 384 KiB, 4096 rows, 1024 rows if unsorted (all 0 = compaction off). */
export const DEFAULT_COMPACTION: CompactionConfig = { maxBytes: 393216, maxRows: 4096, maxRowsIfUnsorted: 1024 };

const ENV: [keyof CompactionConfig, string][] = [
  ["maxBytes", "RERUN_CHUNK_MAX_BYTES"],
  ["maxRows", "RERUN_CHUNK_MAX_ROWS"],
  ["maxRowsIfUnsorted", "RERUN_CHUNK_MAX_ROWS_IF_UNSORTED"],
];

/** The defaults overridden by RERUN_CHUNK_MAX_BYTES / _MAX_ROWS / _MAX_ROWS_IF_UNSORTED (u64 text; else throws). */
export function compactionFromEnv(env: Record<string, string | undefined> = process.env): CompactionConfig {
  const out = { ...DEFAULT_COMPACTION };
  for (const [key, name] of ENV) {
    const s = env[name];
    if (s === undefined) continue;
    if (!/^\+?\d+$/.test(s)) throw new Error(`Failed to parse config: '${name}=${s}'`);
    out[key] = Number(s);
  }
  return out;
}

/** Chunks with equal keys have the same timelines and component descriptors, in the same column order. */
export function schemaKey(chunk: Chunk): string {
  return chunk.schemaKey ?? layoutKey(chunk.timelines, chunk.components);
}

/** True if `rows` rows of `heap` bytes, with component types `types`, can be appended to `slot` (same schema key) within the limits; `sorted`: they keep its times in order. */
export function fits(slot: Slot, rows: number, heap: number, types: readonly DataType[], sorted: boolean, config: CompactionConfig): boolean {
  if (slot.numRows + rows > (sorted ? config.maxRows : config.maxRowsIfUnsorted) || slot.bytes + heap > config.maxBytes) return false;
  for (let k = 0; k < types.length; k++) if (!sameType(types[k]!, slot.types[k]!)) return false;
  return true;
}

/** What `ChunkGrower.append` reads of a chunk: row ids, time values and component arrays, in schema order. */
export interface Rows {
  numRows: number;
  rowIdTimeNs: BigUint64Array;
  rowIdInc: BigUint64Array;
  timelines: readonly { values: BigInt64Array }[];
  components: readonly { data: ArrayData }[];
}

/** The growable columns of a compacting chunk. */
export class ChunkGrower {
  readonly id: Tuid = newTuid();
  private readonly rowTime = new ArrayBuilder(U64);
  private readonly rowInc = new ArrayBuilder(U64);
  private readonly times: { name: string; type: TimeType; b: ArrayBuilder }[];
  private readonly comps: { col: Omit<ComponentColumn, "data">; b: ArrayBuilder }[];
  private readonly entityPath: string;
  private readonly rowIdField: Field;
  private readonly meta: Map<string, string>;
  /** The fields of each timeline, unsorted and sorted, made on the first view: a query after each append asks for a new one. */
  private timeFields: [Field, Field][] | null = null;

  /** Starts from a copy of `first` (no reference to its buffers is kept). */
  constructor(first: Chunk) {
    this.entityPath = first.entityPath;
    this.rowIdField = first.rowIdField;
    this.meta = new Map(first.schemaMetadata);
    this.meta.delete("rerun.heap_size_bytes");
    this.times = first.timelines.map((t) => ({ name: t.name, type: t.type, b: new ArrayBuilder(t.field.type) }));
    this.comps = first.components.map(({ descriptor, itemType, field, data }) => ({ col: { descriptor, itemType, field }, b: new ArrayBuilder(data.type) }));
    this.append(first);
  }

  get numRows(): number {
    return this.rowTime.length;
  }

  /** Appends the rows of a chunk with the same schema key (columns in the same order). */
  append(c: Rows): void {
    this.rowTime.appendValues(c.rowIdTimeNs);
    this.rowInc.appendValues(c.rowIdInc);
    for (let k = 0; k < this.times.length; k++) this.times[k]!.b.appendValues(c.timelines[k]!.values);
    for (let k = 0; k < this.comps.length; k++) this.comps[k]!.b.append(c.components[k]!.data);
  }

  /** Bytes of the rows so far (`chunkHeapSize` of the sealed chunk). */
  bytes(): number {
    // Row-id halves and time columns: 8 bytes per row, never a validity bitmap (appended with `appendValues`).
    let n = 8 * (2 + this.times.length) * this.rowTime.length;
    for (let k = 0; k < this.comps.length; k++) n += this.comps[k]!.b.bytes();
    return n;
  }

  /** The chunk so far: zero-copy views, or exact-size copies when `seal`; `sorted` gives each timeline's order. */
  chunk(isSorted: boolean, sorted: (timeline: string) => boolean, seal: boolean): Chunk {
    const take = (b: ArrayBuilder): ArrayData => (seal ? b.seal() : b.view());
    const fields = (this.timeFields ??= this.times.map((t) => [timeField(t.name, t.type, false), timeField(t.name, t.type, true)]));
    return {
      id: this.id,
      entityPath: this.entityPath,
      isSorted,
      numRows: this.numRows,
      rowIdTimeNs: take(this.rowTime).values as BigUint64Array,
      rowIdInc: take(this.rowInc).values as BigUint64Array,
      timelines: this.times.map(({ name, type, b }, k) => {
        const s = sorted(name);
        return { name, type, values: take(b).values as BigInt64Array, sorted: s, field: fields[k]![s ? 1 : 0] };
      }),
      components: this.comps.map(({ col, b }) => ({ ...col, data: take(b) })),
      rowIdField: this.rowIdField,
      // Views share the grower's metadata (readers copy before changing it); a sealed chunk gets its own.
      schemaMetadata: seal ? new Map(this.meta) : this.meta,
    };
  }
}
