/** A stored chunk: plain as ingested, or compacting (growing by appends until sealed). */
import type { DataType } from "../arrow/types.ts";
import type { Chunk } from "../chunk.ts";
import type { ArrowMsg, StoreId, TimeType, Tuid } from "../logmsg.ts";
import { chunkHeapSize, componentIndex, rowIdAt } from "../transport.ts";
import { tuidToBigInt } from "../tuid.ts";
import { ChunkGrower, type Rows } from "./compact.ts";
import type { ChunkList } from "./chunk-list.ts";
import { KeptChunk } from "./kept.ts";
import { before, highWord, joinWords, lowWord, RowKeys } from "./keys.ts";
import { noNulls, RowLog, stagedBytes } from "./stage.ts";

/** The bounds and order of one chunk on one timeline (one BigInt read per bound, none per row). */
export interface SpanFacts {
  min: bigint;
  max: bigint;
  first: bigint;
  last: bigint;
  /** Times non-decreasing in row order. */
  sorted: boolean;
}

/** What ingestion needs to know about a chunk. */
export interface ChunkFacts {
  /** Per timeline, in column order. */
  spans: SpanFacts[];
  rowIdsSorted: boolean;
  minRowId: Tuid;
  lastRowId: Tuid;
}

/** The facts of `chunk`'s rows (one pass over 32-bit word views per timeline). */
export function factsOf(chunk: Rows): ChunkFacts {
  const n = chunk.numRows, timelines = chunk.timelines;
  const spans: SpanFacts[] = [];
  if (n === 1) {
    for (let k = 0; k < timelines.length; k++) {
      const x = timelines[k]!.values[0]!;
      spans.push({ min: x, max: x, first: x, last: x, sorted: true });
    }
    const id = rowIdAt(chunk, 0);
    return { spans, rowIdsSorted: true, minRowId: id, lastRowId: id };
  }
  for (const t of timelines) {
    const v = t.values, k = new RowKeys(chunk, v);
    spans.push({ min: v[k.argMin(n, "time")]!, max: v[k.argMax(n, "time")]!, first: v[0]!, last: v[n - 1]!, sorted: k.sorted(n, "time") });
  }
  const k = new RowKeys(chunk, null);
  const rowIdsSorted = k.sorted(n, "rowId");
  return { spans, rowIdsSorted, minRowId: rowIdAt(chunk, rowIdsSorted ? 0 : k.argMin(n, "rowId")), lastRowId: rowIdAt(chunk, n - 1) };
}

/**
 * One slot's rows on one timeline: bounds kept up to date, word keys and row order made lazily.
 *
 * Design choice: the bounds are kept as 32-bit words in number fields, not as BigInts (four cells per span
 * that every full collection visits); the lists compare the words, other readers get BigInts made on read.
 */
export class TimeSpan {
  /** The words of the bounds: high signed, low unsigned. */
  minHi = 0;
  minLo = 0;
  maxHi = 0;
  maxLo = 0;
  private lastHi = 0;
  private lastLo = 0;
  /**
   * The words of the slot's last row's time, staged rows included: what `fits` asks (the bounds above see
   * staged rows only once they are moved).
   */
  tailHi = 0;
  tailLo = 0;
  sorted: boolean;
  private version = -1;
  private keysCache: RowKeys | null = null;
  private orderCache: Int32Array | null = null;
  private timesCache: BigInt64Array | null = null;

  /** `index`: the position of this timeline among the chunk's time columns (the same in every version). */
  constructor(readonly slot: Slot, readonly name: string, readonly type: TimeType, f: SpanFacts, private readonly index: number) {
    this.min = f.min;
    this.max = f.max;
    this.last = f.last;
    this.setTail(f.last);
    this.sorted = f.sorted;
  }

  /** Drops the cached keys, order and times (of a chunk the slot no longer holds). */
  forget(): void {
    this.version = -1;
    this.keysCache = this.orderCache = this.timesCache = null;
  }

  /** Sets the time of the slot's last row, staged rows included. */
  setTail(t: bigint): void {
    (this.tailHi = highWord(t)), (this.tailLo = lowWord());
  }

  /** True if time `t` is before the slot's last row's time (staged rows included). */
  beforeTail(t: bigint): boolean {
    return before(highWord(t), lowWord(), this.tailHi, this.tailLo);
  }

  get min(): bigint {
    return joinWords(this.minHi, this.minLo);
  }
  set min(t: bigint) {
    (this.minHi = highWord(t)), (this.minLo = lowWord());
  }
  get max(): bigint {
    return joinWords(this.maxHi, this.maxLo);
  }
  set max(t: bigint) {
    (this.maxHi = highWord(t)), (this.maxLo = lowWord());
  }
  get last(): bigint {
    return joinWords(this.lastHi, this.lastLo);
  }
  set last(t: bigint) {
    (this.lastHi = highWord(t)), (this.lastLo = lowWord());
  }

  /** Orders spans by their min (for sorting). */
  static byMin(a: TimeSpan, b: TimeSpan): number {
    return before(a.minHi, a.minLo, b.minHi, b.minLo) ? -1 : before(b.minHi, b.minLo, a.minHi, a.minLo) ? 1 : 0;
  }

  /** Extends the bounds with those of appended rows. */
  extend(f: SpanFacts): void {
    this.sorted &&= f.sorted && f.first >= this.last;
    if (f.min < this.min) this.min = f.min;
    if (f.max > this.max) this.max = f.max;
    this.last = f.last;
  }

  /** The time column of the slot's current chunk. */
  values(): BigInt64Array {
    this.refresh();
    return this.timesCache!;
  }

  /** Word keys of (time, rowId) for the slot's current rows. */
  keys(): RowKeys {
    this.refresh();
    return this.keysCache!;
  }

  /** Row indices in (time, rowId) order, or null when rows are already in that order. */
  order(): Int32Array | null {
    this.refresh();
    return this.orderCache;
  }

  private refresh(): void {
    if (this.version === this.slot.version) return;
    const chunk = this.slot.chunk;
    this.timesCache = chunk.timelines[this.index]!.values;
    this.keysCache = new RowKeys(chunk, this.timesCache);
    // Times non-decreasing and row ids increasing ⇒ rows are already in (time, rowId) order.
    this.orderCache = this.sorted && this.slot.rowIdsSorted ? null : this.keysCache.order(chunk.numRows);
    this.version = this.slot.version;
  }
}

/** A stored chunk with its per-timeline spans and its memberships in the entity's chunk lists. */
export class Slot {
  /** Bumped whenever rows are appended or the chunk is sealed. */
  version = 0;
  bytes: number;
  numRows: number;
  /** The least row id, as `tuidToBigInt` gives it (one cell, not three). */
  minRowKey: bigint;
  /** The spans, one per timeline, in time-column order (no Map: a few timelines are found faster in order, and with fewer cells). */
  readonly timeSpans: TimeSpan[] = [];
  /** The component column types, in column order. */
  readonly types: readonly DataType[];
  /** The entity's chunk lists the slot is in. */
  readonly lists: ChunkList[] = [];
  private plain: Chunk | null;
  /** The IPC bytes `plain` was read from, if it was: once sealed, the slot keeps them instead of its arrays (see kept.ts). */
  private ipc: Uint8Array | null;
  private grower: ChunkGrower | null = null;
  private snapshot: Chunk | null = null;
  private snapshotVersion = -1;
  /** Row ids strictly increasing in row order. */
  rowIdsSorted: boolean;
  /** The last row's id, as `tuidToBigInt` gives it. */
  private lastRowKey: bigint;
  /** Rows staged but not yet in the columns (see stage.ts). */
  private log: RowLog | null = null;
  /** Rows may be staged: no column holds a null so far, so a staged row's bytes are known up front. */
  private stageable: boolean;
  /** Every timeline's times are in row order, staged rows included (with each span's tail, what `fits` asks). */
  private allSorted: boolean;

  /**
   * `store`: whose byte total the slot keeps current as it grows (it has counted the slot's bytes at creation);
   * `ipc`: the Arrow IPC bytes `chunk` was read from whole, if it was.
   */
  constructor(chunk: Chunk, facts: ChunkFacts, private readonly store: { bytes: number } | null = null, ipc: Uint8Array | null = null) {
    this.plain = chunk;
    this.ipc = ipc;
    this.bytes = chunkHeapSize(chunk);
    this.stageable = chunk.components.every((c) => noNulls(c.data));
    this.allSorted = facts.spans.every((f) => f.sorted);
    this.numRows = chunk.numRows;
    this.minRowKey = tuidToBigInt(facts.minRowId);
    this.rowIdsSorted = facts.rowIdsSorted;
    this.lastRowKey = tuidToBigInt(facts.lastRowId);
    this.types = chunk.shape?.types ?? chunk.components.map((c) => c.data.type);
    for (let k = 0; k < chunk.timelines.length; k++) {
      const t = chunk.timelines[k]!, span = new TimeSpan(this, t.name, t.type, facts.spans[k]!, k);
      this.timeSpans.push(span);
    }
  }

  /** The span on `timeline`, if the chunk has that timeline. */
  span(timeline: string): TimeSpan | undefined {
    for (const s of this.timeSpans) if (s.name === timeline) return s;
    return undefined;
  }

  /** The message of store `storeId` a chunk kept as its IPC bytes came in (its timepoint from the spans), or null for any other chunk. */
  keptMsg(storeId: StoreId): ArrowMsg | null {
    const c = this.plain;
    if (!(c instanceof KeptChunk)) return null;
    const timepointMax = this.timeSpans.map((s) => ({ timeline: { name: s.name, typ: s.type }, value: s.max }));
    return { kind: "ArrowMsg", storeId, chunkId: c.id, timepointMax, ipc: c.ipc };
  }

  /** True for a chunk without timelines. */
  get isStatic(): boolean {
    return this.timeSpans.length === 0;
  }

  /** The index of the (first) column of component `name`, -1 if the chunk has none (the same in every version). */
  columnIndex(name: string): number {
    return componentIndex(this.chunk, name);
  }

  /** Rows staged and not yet moved into the columns. */
  get stagedRows(): number {
    return this.log === null ? 0 : this.log.rows;
  }

  /** The current chunk (for a compacting slot, zero-copy views of its rows so far). */
  get chunk(): Chunk {
    this.flush();
    if (this.plain) return this.plain;
    if (this.snapshotVersion !== this.version) {
      this.snapshot = this.grow().chunk(this.rowIdsSorted, (t) => this.span(t)!.sorted, false);
      this.snapshotVersion = this.version;
    }
    return this.snapshot!;
  }

  /** True if every timeline's times stay in row order with rows of `facts` appended. */
  sortedWith(facts: ChunkFacts): boolean {
    if (!this.allSorted) return false;
    for (let k = 0; k < facts.spans.length; k++) {
      const f = facts.spans[k]!;
      if (!f.sorted || this.timeSpans[k]!.beforeTail(f.first)) return false;
    }
    return true;
  }

  /** `sortedWith` for one row whose times are at `at` in `halves`, as the store's queue holds them (no BigInt). */
  sortedWithRow(halves: Int32Array, at: number): boolean {
    if (!this.allSorted) return false;
    const spans = this.timeSpans;
    for (let k = 0; k < spans.length; k++) {
      const s = spans[k]!;
      if (before(halves[at + 2 * k + 1]!, halves[at + 2 * k]! >>> 0, s.tailHi, s.tailLo)) return false;
    }
    return true;
  }

  /** Appends the rows of a chunk with the same schema (copying them); `sorted` is what `sortedWith` (or `sortedWithRow`) said of them. */
  append(chunk: Chunk, facts: ChunkFacts, sorted: boolean): void {
    this.flush();
    this.stageable = false;
    const g = this.grow();
    g.append(chunk);
    this.track(facts, sorted);
    this.note(facts);
    this.numRows = g.numRows;
    this.resize(g.bytes());
    this.grew();
  }

  /**
   * Stages the one row of a chunk with the same schema instead of appending it, when it can: the slot's
   * row count, bytes and `sortedWith` include it at once; its chunk, spans and indices once `flush` (or any
   * read) moves it. `sorted` is what `sortedWith` said of it.
   */
  stage(chunk: Chunk, facts: ChunkFacts, sorted: boolean): boolean {
    if (!this.stageable) return false;
    const n = stagedBytes(chunk);
    if (n < 0) return false;
    this.rowLog(n).push(chunk);
    this.track(facts, sorted);
    this.counted(n);
    return true;
  }

  /**
   * Stages a row already in the staged layout (`len` bytes of `src` at `at`, adding `n` bytes), as `stage` does;
   * its times are at `t` in `halves`, and `sorted` is what `sortedWithRow` said of them.
   */
  stageRow(src: Uint8Array, at: number, len: number, n: number, sorted: boolean, halves: Int32Array, t: number): boolean {
    if (!this.stageable) return false;
    this.rowLog(n).pushRow(src, at, len);
    this.allSorted = sorted;
    const spans = this.timeSpans;
    for (let k = 0; k < spans.length; k++) (spans[k]!.tailHi = halves[t + 2 * k + 1]!), (spans[k]!.tailLo = halves[t + 2 * k]! >>> 0);
    this.counted(n);
    return true;
  }

  /** The log to stage a row of `n` bytes in. */
  private rowLog(n: number): RowLog {
    // The columns count only the rows' bytes, where the first chunk's buffers may hold more: switch counts now.
    if (this.plain) this.resize(this.grow().bytes());
    // Room for 16 rows like this one first: most rows of a layout are the same size.
    return (this.log ??= new RowLog(16 * n));
  }

  /** Counts a staged row of `n` bytes. */
  private counted(n: number): void {
    this.numRows++;
    this.resize(this.bytes + n);
  }

  /** Moves the staged rows, if any, into the columns and tells the slot's lists. */
  flush(): void {
    const log = this.log;
    if (log === null || log.rows === 0) return;
    const g = this.grow(), rows = log.drainInto(g, this.types, this.timeSpans.length), facts = factsOf(rows);
    // Appended one at a time, a row whose id equals the one before would have ended the row-id order.
    facts.rowIdsSorted &&= new RowKeys(rows, null).increasing(rows.numRows);
    this.note(facts);
    this.log = null;
    this.resize(g.bytes());
    this.grew();
  }

  /** Ends compaction: copies the rows into exact-size buffers, or keeps a chunk read from IPC as its bytes. */
  seal(): void {
    this.flush();
    if (this.plain !== null && this.ipc !== null) {
      this.plain = new KeptChunk(this.plain, this.ipc);
      this.ipc = null;
      this.bump();
      // What queries cached of the chunk as read would keep its arrays: they are made again when read.
      for (const l of this.lists) l.forget(this);
      for (const s of this.timeSpans) s.forget();
    }
    if (!this.grower) return;
    this.plain = this.grower.chunk(this.rowIdsSorted, (t) => this.span(t)!.sorted, true);
    this.grower = null;
    this.snapshot = null;
    this.resize(chunkHeapSize(this.plain));
    this.bump();
  }

  /** Notes the order (`sorted`, from `sortedWith` or `sortedWithRow`) and last times of appended or staged rows (what they read). */
  private track(facts: ChunkFacts, sorted: boolean): void {
    this.allSorted = sorted;
    for (let k = 0; k < facts.spans.length; k++) this.timeSpans[k]!.setTail(facts.spans[k]!.last);
  }

  /** Extends the spans' bounds and the row-id facts with those of rows moved into the columns. */
  private note(facts: ChunkFacts): void {
    for (let k = 0; k < facts.spans.length; k++) this.timeSpans[k]!.extend(facts.spans[k]!);
    const min = tuidToBigInt(facts.minRowId);
    this.rowIdsSorted &&= facts.rowIdsSorted && this.lastRowKey < min;
    if (min < this.minRowKey) this.minRowKey = min;
    this.lastRowKey = tuidToBigInt(facts.lastRowId);
  }

  /** Sets the slot's byte count, keeping its store's total current. */
  private resize(bytes: number): void {
    if (this.store) this.store.bytes += bytes - this.bytes;
    this.bytes = bytes;
  }

  /** Rows were added: bumps the version and tells the lists holding the slot that its bounds changed. */
  private grew(): void {
    this.bump();
    for (const l of this.lists) l.changed(this);
  }

  private bump(): void {
    this.version++;
    for (const l of this.lists) l.stale(this);
  }

  private grow(): ChunkGrower {
    if (!this.grower) {
      this.grower = new ChunkGrower(this.plain!);
      this.plain = null;
      this.ipc = null;
    }
    return this.grower;
  }
}
