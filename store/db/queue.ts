/**
 * One-row chunks queued for their store, entity by entity. With many entities, putting each one-row
 * chunk into its entity's open chunk as it arrives finds that entity's state out of cache every time
 * (measured: ~5.9 µs per row into the store at 10 k entities, ~2.5 µs at 20). Queued rows cost one
 * sequential write; a drain then takes the rows of one entity after the other, so each entity's state
 * is fetched once for all its queued rows.
 *
 * A queued row keeps its bytes in the staged layout (stage.ts), its shape, chunk id and schema
 * metadata: enough to give back the very chunk it came from (`chunk`), as a new open chunk needs.
 */
import type { Chunk, ChunkShape } from "../chunk.ts";
import type { Tuid } from "../logmsg.ts";
import type { EntityIndex } from "./entity-index.ts";
import type { ChunkFacts, SpanFacts } from "./slot.ts";
import { readRows } from "./stage.ts";

/** Bytes of log, and rows, that the queue starts with and keeps between bursts (larger ones are dropped when it empties). */
const LOG_START = 1 << 16;
const ROWS_START = 1024;
/**
 * Rows, and bytes, that the queue holds at most: its log, plus ROW_OVERHEAD per row for the chunk id and
 * schema metadata kept with it (~250 bytes for an SDK's chunk).
 */
const MAX_ROWS = 1 << 16;
const MAX_BYTES = 24 << 20;
const ROW_OVERHEAD = 256;

/** What the queue keeps of a one-row chunk besides its row: enough to give the chunk back. */
export type Queued = Pick<Chunk, "id" | "isSorted" | "schemaMetadata"> & { shape: ChunkShape };

/** The rows queued in one store: their bytes in one log, the rows of each entity linked in arrival order. */
export class RowQueue {
  /** Rows queued since the last `clear`. */
  rows = 0;
  /**
   * Bytes the store may hold beyond its count once the queued rows are in: a row counts its staged bytes
   * when queued, and a row that opens a chunk counts 4 bytes more per component (its first list offset).
   */
  slack = 0;
  private log = new Uint8Array(LOG_START);
  private words = new BigInt64Array(this.log.buffer);
  /** The log as 32-bit words: a row's times as halves, low then high (see `times`). */
  halves = new Int32Array(this.log.buffer);
  private used = 0;
  /** Per row: where it starts in the log, its staged bytes, its `chunkHeapSize`, the next row of its entity (-1: none). */
  private at = new Int32Array(ROWS_START);
  private staged = new Int32Array(ROWS_START);
  private heaps = new Int32Array(ROWS_START);
  private next = new Int32Array(ROWS_START);
  private sorted = new Uint8Array(ROWS_START);
  private shapes: ChunkShape[] = [];
  private ids: Tuid[] = [];
  private metas: Map<string, string>[] = [];
  /** Entities with queued rows, in the order their first row came. */
  entities: EntityIndex[] = [];

  /** True when one more row of `length` bytes would take the queue past its limits (it must be drained first). */
  full(length: number): boolean {
    return this.rows + 1 > MAX_ROWS || this.used + length + ROW_OVERHEAD * (this.rows + 1) > MAX_BYTES;
  }

  /** The log: the last `push` reserved a row in it, and every queued row is in it. */
  get buffer(): Uint8Array {
    return this.log;
  }

  /**
   * Queues a row of entity `ei` from the one-row chunk `from` (`staged` its staged bytes, `heap` its size);
   * returns where the caller writes the row's `length` bytes in the staged layout, in `buffer`.
   */
  push(ei: EntityIndex, from: Queued, staged: number, heap: number, length: number): number {
    const r = this.rows, at = this.used;
    if (r === this.at.length) this.growRows();
    if (at + length > this.log.length) this.growLog(length);
    this.at[r] = at;
    this.used = at + length;
    this.staged[r] = staged;
    this.heaps[r] = heap;
    this.next[r] = -1;
    this.sorted[r] = from.isSorted ? 1 : 0;
    this.shapes.push(from.shape);
    this.ids.push(from.id);
    this.metas.push(from.schemaMetadata);
    if (ei.queueHead < 0) {
      ei.queueHead = r;
      this.entities.push(ei);
    } else {
      this.next[ei.queueTail] = r;
    }
    ei.queueTail = r;
    this.slack += heap - staged;
    this.rows++;
    return at;
  }

  /** The row after `r` of the same entity, or -1. */
  after(r: number): number {
    return this.next[r]!;
  }

  /** Row `r`'s shape. */
  shape(r: number): ChunkShape {
    return this.shapes[r]!;
  }

  /** Row `r`'s staged bytes. */
  stagedBytes(r: number): number {
    return this.staged[r]!;
  }

  /** Row `r`'s `chunkHeapSize`. */
  heap(r: number): number {
    return this.heaps[r]!;
  }

  /** Where row `r` starts in `buffer`. */
  start(r: number): number {
    return this.at[r]!;
  }

  /** Where row `r` ends in `buffer`. */
  end(r: number): number {
    return r + 1 < this.rows ? this.at[r + 1]! : this.used;
  }

  /** Where row `r`'s times start in `halves`: per timeline, the low and the high half of its time (platform order, little-endian). */
  times(r: number): number {
    return ((this.at[r]! >> 3) + 2) * 2;
  }

  /** Row `r`'s facts, as `factsOf` gives them for its chunk. */
  facts(r: number): ChunkFacts {
    const w = this.words, p = this.at[r]! >> 3, spans: SpanFacts[] = [];
    const n = this.shapes[r]!.times.length;
    for (let k = 0; k < n; k++) {
      const x = w[p + 2 + k]!;
      spans.push({ min: x, max: x, first: x, last: x, sorted: true });
    }
    const id = { timeNs: BigInt.asUintN(64, w[p]!), inc: BigInt.asUintN(64, w[p + 1]!) };
    return { spans, rowIdsSorted: true, minRowId: id, lastRowId: id };
  }

  /** The chunk row `r` came from (equal in every column, id and metadata; new buffers). */
  chunk(r: number, entityPath: string): Chunk {
    const shape = this.shapes[r]!, rows = readRows(this.log, this.at[r]!, 1, shape.types, shape.times.length);
    return {
      id: this.ids[r]!,
      entityPath,
      isSorted: this.sorted[r] === 1,
      numRows: 1,
      rowIdTimeNs: rows.rowIdTimeNs,
      rowIdInc: rows.rowIdInc,
      timelines: shape.times.map(({ name, type, sorted, field }, k) => ({ name, type, sorted, field, values: rows.timelines[k]!.values })),
      components: shape.comps.map(({ descriptor, itemType, field }, k) => ({ descriptor, itemType, field, data: rows.components[k]!.data })),
      rowIdField: shape.rowIdField,
      schemaMetadata: this.metas[r]!,
      schemaKey: shape.key,
      shape,
    };
  }

  /** Forgets every row (all drained), and the memory a burst grew the queue to. */
  clear(): void {
    for (const ei of this.entities) ei.queueHead = ei.queueTail = -1;
    this.entities = [];
    this.shapes = [];
    this.ids = [];
    this.metas = [];
    this.rows = this.used = this.slack = 0;
    if (this.log.length > LOG_START) this.setLog(new Uint8Array(LOG_START));
    if (this.at.length > ROWS_START) {
      this.at = new Int32Array(ROWS_START);
      this.staged = new Int32Array(ROWS_START);
      this.heaps = new Int32Array(ROWS_START);
      this.next = new Int32Array(ROWS_START);
      this.sorted = new Uint8Array(ROWS_START);
    }
  }

  private growRows(): void {
    const n = 2 * this.at.length;
    const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.at = grow(this.at, (n) => new Int32Array(n));
    this.staged = grow(this.staged, (n) => new Int32Array(n));
    this.heaps = grow(this.heaps, (n) => new Int32Array(n));
    this.next = grow(this.next, (n) => new Int32Array(n));
    this.sorted = grow(this.sorted, (n) => new Uint8Array(n));
  }

  private growLog(need: number): void {
    const next = new Uint8Array(Math.max(Math.min(2 * this.log.length, MAX_BYTES), this.used + need));
    next.set(this.log.subarray(0, this.used));
    this.setLog(next);
  }

  private setLog(log: Uint8Array<ArrayBuffer>): void {
    this.log = log;
    this.words = new BigInt64Array(log.buffer);
    this.halves = new Int32Array(log.buffer);
  }
}
