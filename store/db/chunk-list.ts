/**
 * The chunks of one (entity, timeline, component), ordered by their first time, with a running
 * maximum of their last times so that latest-at scans can stop early. Chunks usually arrive in
 * time order, so adding or growing the last chunk is O(1); anything else re-sorts lazily.
 *
 * Design choice: queries touch as few objects as possible, because a pass over 10 k entities is
 * bound by memory latency, not by arithmetic. Bounds are 32-bit words in typed arrays (exact over
 * i64, no BigInt per step), and those of the last chunk also sit in plain fields; each membership
 * (`Member`) caches the chunk, column, time words and row order a query needs, refreshed only when
 * its slot changes. A membership is made when a query first reaches it: until then the list holds
 * only the slot's span (a store that only grows costs the collector no object per membership).
 */
import type { ArrayData } from "../arrow/types.ts";
import type { Chunk, ComponentColumn } from "../chunk.ts";
import { before, type RowKeys } from "./keys.ts";
import { type Slot, TimeSpan } from "./slot.ts";

let generation = 0;

/** A counter bumped by every change to any member or list of any store in the process (see `Member.stamp`). */
export function indexGeneration(): number {
  return generation;
}

/**
 * One chunk in one list: the slot's span on the list's timeline, and query state cached per slot
 * version. Fields are declared hottest first: a query reads the first ones, in one or two cache lines.
 */
export class Member {
  /** Bumped when the slot's rows change and, while it is its list's last member, when the list changes: state read at one stamp holds while it is unchanged. */
  stamp = 0;
  /** False once the slot changed (rows appended, sealed): `refresh` before reading the fields below. */
  fresh = false;
  /** The time column as 32-bit words: row i's high (signed) word at [2i + 1], its low word at [2i] (read `>>> 0`). */
  tw: Int32Array | null = null;
  /** Row indices in (time, rowId) order, or null when that is the row order. */
  order: Int32Array | null = null;
  /** Number of rows. */
  n = 0;
  /** No null entries in the column (nothing to skip). */
  dense = false;
  /** Words of the first and last time in (time, rowId) order, and the nanoseconds between them (for interpolation). */
  firstHi = 0;
  firstLo = 0;
  lastHi = 0;
  lastLo = 0;
  width = 0;
  chunk: Chunk | null = null;
  column: ComponentColumn | null = null;
  times: BigInt64Array | null = null;
  readonly list: ChunkList;
  readonly span: TimeSpan;
  /** The index of the list's component among the chunk's columns. */
  private readonly col: number;

  constructor(list: ChunkList, span: TimeSpan, col: number) {
    this.list = list;
    this.span = span;
    this.col = col;
  }

  /** The slot of the chunk. */
  get slot(): Slot {
    return this.span.slot;
  }

  /** Word keys of (time, rowId) of the rows (for comparisons across chunks). */
  get keys(): RowKeys {
    return this.span.keys();
  }

  /** Notes that the slot's rows changed (appended, sealed). */
  stale(): void {
    this.fresh = false;
    this.stamp++;
    generation++;
  }

  /** Reloads the cached state from the slot's current chunk. */
  refresh(): void {
    const chunk = this.span.slot.chunk, column = chunk.components[this.col]!, keys = this.span.keys();
    this.chunk = chunk;
    this.column = column;
    this.times = this.span.values();
    this.order = this.span.order();
    const tw = (this.tw = keys.th), n = (this.n = chunk.numRows), o = this.order;
    const a = o === null ? 0 : o[0]!, b = o === null ? n - 1 : o[n - 1]!;
    this.firstHi = tw[2 * a + 1]!;
    this.firstLo = tw[2 * a]! >>> 0;
    this.lastHi = tw[2 * b + 1]!;
    this.lastLo = tw[2 * b]! >>> 0;
    this.width = (this.lastHi - this.firstHi) * 4294967296 + (this.lastLo - this.firstLo);
    this.dense = allValid(column.data);
    this.fresh = true;
  }
}

/** True if every entry of `data` is valid. */
function allValid(data: ArrayData): boolean {
  return data.type.kind !== "null" && (data.validity === null || data.nullCount === 0);
}

/** Members sorted by first time, with running maxima of their last times (hot fields first, as in `Member`). */
export class ChunkList {
  /** `component`: the list's component, whose column a member reads. */
  constructor(private readonly component: string) {}

  /** True once the list no longer answers alone for its (entity, timeline, component): dropped from its entity, or shadowed by static data (see `detach`). */
  bypass = false;
  /** Nothing changed since the last `settle`, which found `n` members. */
  clean = true;
  n = 0;
  /** The last member, the words of its min, and of the running max of the members before it (valid after `settle`). */
  last: Member | null = null;
  lastMinHi = 0;
  lastMinLo = 0;
  prevMaxHi = 0;
  prevMaxLo = 0;
  /** The slots' spans on the list's timeline, sorted by min (unless `dirty`). */
  private readonly spans: TimeSpan[] = [];
  /** The memberships made so far (see `at`), by slot. */
  private readonly made = new Map<Slot, Member>();
  /**
   * Per member k, at [6k, 6k + 6): the words (high, low) of its min, of its max, and of the running
   * max over members [0, k]; low words are read `>>> 0`. Null until the list has had two members.
   */
  private bounds: Int32Array | null = null;
  /** Members [0, valid) have up-to-date bounds; the members are sorted unless `dirty`. */
  private valid = 0;
  private dirty = false;

  /** Number of chunks. */
  get size(): number {
    return this.spans.length;
  }

  /** Adds the membership of a slot's span. */
  add(span: TimeSpan): void {
    const n = this.spans.length;
    if (n > 0 && TimeSpan.byMin(span, this.spans[n - 1]!) < 0) this.dirty = true;
    this.spans.push(span);
    this.unsettle();
  }

  /** Notes that the bounds of `slot`'s span changed (rows were appended to its chunk). */
  changed(slot: Slot): void {
    const ss = this.spans, n = ss.length;
    if (ss[n - 1]!.slot !== slot || (n > 1 && TimeSpan.byMin(ss[n - 1]!, ss[n - 2]!) < 0)) this.dirty = true;
    else if (this.valid === n) this.valid = n - 1;
    this.unsettle();
  }

  /** Notes that `slot`'s rows changed (appended, sealed): its membership, if made, reloads before its next read. */
  stale(slot: Slot): void {
    const m = this.made.get(slot);
    if (m !== undefined) m.stale();
    else generation++;
  }

  /** Drops `slot`'s membership object, if made, with what it cached (a query makes a new one). */
  forget(slot: Slot): void {
    const m = this.made.get(slot);
    if (m === undefined) return;
    m.stale();
    this.made.delete(slot);
    this.unsettle();
  }

  /** Removes `slot`'s membership. */
  remove(slot: Slot): void {
    const ss = this.spans;
    let i = ss.length - 1;
    while (i >= 0 && ss[i]!.slot !== slot) i--;
    if (i < 0) return;
    ss.splice(i, 1);
    this.made.delete(slot);
    this.dirty = true;
    this.unsettle();
  }

  /** Marks the list as no longer answering alone: its entity dropped it, or static data shadows it. */
  detach(): void {
    this.bypass = true;
    this.unsettle();
  }

  /** Brings the bounds up to date; returns the number of chunks. */
  settle(): number {
    if (this.clean) return this.n;
    const ss = this.spans, n = ss.length;
    if (this.dirty) {
      ss.sort(TimeSpan.byMin);
      this.valid = 0;
      this.dirty = false;
    }
    let b = this.bounds;
    if (n > 1 && (b === null || b.length < 6 * n)) {
      if (b === null) this.valid = 0;
      const grown = new Int32Array(6 * Math.max(n, 2 * (b === null ? 0 : b.length / 6), 4));
      if (b !== null) grown.set(b);
      b = this.bounds = grown;
    }
    if (b !== null) {
      for (let k = this.valid; k < n; k++) {
        const s = ss[k]!, o = 6 * k;
        b[o] = s.minHi;
        b[o + 1] = s.minLo;
        const h = (b[o + 2] = s.maxHi), l = (b[o + 3] = s.maxLo) >>> 0;
        const earlier = k > 0 && before(h, l, b[o - 2]!, b[o - 1]! >>> 0);
        b[o + 4] = earlier ? b[o - 2]! : h;
        b[o + 5] = earlier ? b[o - 1]! : b[o + 3]!;
      }
    }
    this.valid = n;
    this.last = n > 0 ? this.at(n - 1) : null;
    this.lastMinHi = n > 0 ? ss[n - 1]!.minHi : 0;
    this.lastMinLo = n > 0 ? ss[n - 1]!.minLo : 0;
    this.prevMaxHi = n > 1 ? b![6 * n - 8]! : 0;
    this.prevMaxLo = n > 1 ? b![6 * n - 7]! >>> 0 : 0;
    this.clean = true;
    return (this.n = n);
  }

  private unsettle(): void {
    this.clean = false;
    if (this.last !== null) this.last.stamp++;
    generation++;
  }

  /** Number of chunks whose first time is ≤ (hi, lo): the candidates are members [0, count). */
  count(hi: number, lo: number): number {
    const n = this.settle(), b = this.bounds;
    if (n === 0 || !before(hi, lo, this.lastMinHi, this.lastMinLo)) return n;
    let a = 0, z = n - 1;
    while (a < z) {
      const mid = (a + z) >> 1;
      if (before(hi, lo, b![6 * mid]!, b![6 * mid + 1]! >>> 0)) z = mid;
      else a = mid + 1;
    }
    return a;
  }

  /** The k-th member (by first time), made on first use; valid after `settle`. */
  at(k: number): Member {
    const span = this.spans[k]!;
    let m = this.made.get(span.slot);
    if (m === undefined) this.made.set(span.slot, (m = new Member(this, span, span.slot.columnIndex(this.component))));
    return m;
  }

  /** True if every member in [0, k] ends before time (hi, lo); valid after `settle`. */
  allEndBefore(k: number, hi: number, lo: number): boolean {
    const b = this.bounds;
    return b === null ? this.endsBefore(k, hi, lo) : before(b[6 * k + 4]!, b[6 * k + 5]! >>> 0, hi, lo);
  }

  /** True if member k ends before time (hi, lo); valid after `settle`. */
  endsBefore(k: number, hi: number, lo: number): boolean {
    const b = this.bounds;
    if (b !== null) return before(b[6 * k + 2]!, b[6 * k + 3]! >>> 0, hi, lo);
    const s = this.spans[k]!;
    return before(s.maxHi, s.maxLo, hi, lo);
  }
}
