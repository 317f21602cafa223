/**
 * Exact (time, row id) comparisons with no BigInt per row.
 *
 * Design choice: i64 times and u64 row-id halves are compared through zero-copy 32-bit views of the
 * chunk's own BigInt64Array/BigUint64Array buffers (high word signed for times, unsigned otherwise).
 * That is exact over the whole i64 range (a Float64 copy is not: log_time nanoseconds need 61 bits)
 * and costs neither memory nor BigInt allocations; BigInts are only made per query or per chunk.
 * Requires a little-endian host (every JS platform we target).
 */
import type { Chunk } from "../chunk.ts";
import type { Tuid } from "../logmsg.ts";
import { tuidCompare } from "../tuid.ts";

if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new Error("the chunk store needs a little-endian host");

/** A bigint time split into its words: `hi` signed, `lo` unsigned. */
export interface Words {
  hi: number;
  lo: number;
}

let lastT: bigint | null = null;
let lastW: Words = { hi: 0, lo: 0 };
const I64_MAX = 2n ** 63n - 1n, I64_MIN = -(2n ** 63n);
const split64 = new BigInt64Array(1);
const split32 = new Int32Array(split64.buffer);

/** The words of `t`, clamped to the i64 range (shared, do not modify: a pass of queries at one time makes them once). */
export function words(t: bigint): Words {
  if (t !== lastT) {
    lastW = { hi: highWord(t), lo: lowWord() };
    lastT = t;
  }
  return lastW;
}

/** The high (signed) word of `t`, clamped to the i64 range; `lowWord()` then gives its low word (no allocation). */
export function highWord(t: bigint): number {
  split64[0] = t > I64_MAX ? I64_MAX : t < I64_MIN ? I64_MIN : t;
  return split32[1]!;
}

/** The low (unsigned) word of the time `highWord` was last given. */
export function lowWord(): number {
  return split32[0]! >>> 0;
}

/** The i64 of words `hi` (signed) and `lo` (unsigned). */
export function joinWords(hi: number, lo: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo);
}

const i32 = (a: BigInt64Array): Int32Array => new Int32Array(a.buffer, a.byteOffset, a.length * 2);
const u32 = (a: BigInt64Array | BigUint64Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length * 2);

/** What rows are compared by: time only, row id only, or (time, rowId). */
export type Order = "time" | "rowId" | "both";

/** Word views of one chunk's rows on one timeline (or of its row ids only, when `times` is null). */
export class RowKeys {
  /** The times as 32-bit words: time(i)'s high (signed) word at [2i + 1], its low word at [2i]. */
  readonly th: Int32Array;
  private readonly tl: Uint32Array;
  private readonly rt: Uint32Array;
  private readonly ri: Uint32Array;

  constructor(chunk: Pick<Chunk, "rowIdTimeNs" | "rowIdInc">, times: BigInt64Array | null) {
    const t = times ?? new BigInt64Array(0);
    this.th = i32(t);
    this.tl = u32(t);
    this.rt = u32(chunk.rowIdTimeNs);
    this.ri = u32(chunk.rowIdInc);
  }

  /** Sign of time(i) − w. */
  cmpTime(i: number, w: Words): number {
    const h = this.th[2 * i + 1]!;
    return h !== w.hi ? h - w.hi : this.tl[2 * i]! - w.lo;
  }

  /** Sign of time(i) − time(j) of `o`. */
  cmpTimeAt(i: number, o: RowKeys, j: number): number {
    const h = this.th[2 * i + 1]!, g = o.th[2 * j + 1]!;
    return h !== g ? h - g : this.tl[2 * i]! - o.tl[2 * j]!;
  }

  /** Sign of rowId(i) − rowId(j) of `o`. */
  cmpRowId(i: number, o: RowKeys, j: number): number {
    const a = this.rt, b = o.rt, c = this.ri, d = o.ri, x = 2 * i, y = 2 * j;
    return a[x + 1]! - b[y + 1]! || a[x]! - b[y]! || c[x + 1]! - d[y + 1]! || c[x]! - d[y]!;
  }

  /** Sign of (time, rowId)(i) − (time, rowId)(j) of `o`. */
  cmp(i: number, o: RowKeys, j: number): number {
    return this.cmpTimeAt(i, o, j) || this.cmpRowId(i, o, j);
  }

  /** Sign of row i − row j under `by`. */
  private by(by: Order, i: number, j: number): number {
    return by === "time" ? this.cmpTimeAt(i, this, j) : by === "rowId" ? this.cmpRowId(i, this, j) : this.cmp(i, this, j);
  }

  /** Index of the smallest of rows [0, n) under `by`, -1 for no rows. */
  argMin(n: number, by: Order): number {
    let best = n > 0 ? 0 : -1;
    for (let i = 1; i < n; i++) if (this.by(by, i, best) < 0) best = i;
    return best;
  }

  /** Index of the largest of rows [0, n) under `by`, -1 for no rows. */
  argMax(n: number, by: Order): number {
    let best = n > 0 ? 0 : -1;
    for (let i = 1; i < n; i++) if (this.by(by, i, best) > 0) best = i;
    return best;
  }

  /** True if rows [0, n) are non-decreasing under `by`. */
  sorted(n: number, by: Order): boolean {
    for (let i = 1; i < n; i++) if (this.by(by, i - 1, i) > 0) return false;
    return true;
  }

  /** True if rows [0, n) strictly increase by row id. */
  increasing(n: number): boolean {
    for (let i = 1; i < n; i++) if (this.cmpRowId(i - 1, this, i) >= 0) return false;
    return true;
  }

  /** Row indices [0, n) in (time, rowId) order, or null when that is already the row order. */
  order(n: number): Int32Array | null {
    if (this.sorted(n, "both")) return null;
    const ix = Int32Array.from({ length: n }, (_, i) => i);
    return ix.sort((a, b) => this.cmp(a, this, b));
  }
}

/** True if time (h, l) is before time (hi, lo) (high words signed, low words unsigned). */
export function before(h: number, l: number, hi: number, lo: number): boolean {
  return h < hi || (h === hi && l < lo);
}

/** True if the time at position p (row `order[p]`, or p) of the words `tw` is ≤ (hi, lo), or < when `strict`. */
function below(tw: Int32Array, order: Int32Array | null, p: number, hi: number, lo: number, strict: boolean): boolean {
  const r = order === null ? p : order[p]!, h = tw[2 * r + 1]!;
  return h < hi || (h === hi && (strict ? tw[2 * r]! >>> 0 < lo : tw[2 * r]! >>> 0 <= lo));
}

/**
 * Number of positions p in [0, n) whose time is ≤ (hi, lo), or < when `strict`. `tw` holds the times
 * as words (row r's high word at [2r + 1], its low word at [2r]), in time order through `order` (or
 * in row order when null); (fh, fl) and (lh, ll) are the first and last times, `width` the
 * nanoseconds between them.
 *
 * Times are usually close to evenly spaced, so the search starts where the time would be if they
 * were and gallops from there: one or two cache lines of the column instead of a binary search's
 * worth, and never more than about twice a binary search's probes.
 */
export function searchTimes(tw: Int32Array, order: Int32Array | null, n: number, fh: number, fl: number, lh: number, ll: number, width: number, hi: number, lo: number, strict: boolean): number {
  if (!(fh < hi || (fh === hi && (strict ? fl < lo : fl <= lo)))) return 0;
  if (lh < hi || (lh === hi && (strict ? ll < lo : ll <= lo))) return n;
  // Now position 0 is below the time and position n − 1 is not: the answer is in [1, n − 1].
  const g = Math.min(n - 2, guess(n, fh, fl, width, hi, lo));
  let a: number, b: number, step = 1;
  if (below(tw, order, g, hi, lo, strict)) {
    a = g + 1;
    b = a;
    while (b < n - 1 && below(tw, order, b, hi, lo, strict)) {
      a = b + 1;
      b = Math.min(n - 1, a + step);
      step *= 2;
    }
  } else {
    b = g;
    let c = g - 1;
    while (c > 0 && !below(tw, order, c, hi, lo, strict)) {
      b = c;
      c = Math.max(0, c - step);
      step *= 2;
    }
    a = c + 1;
  }
  // Positions before a are below the time, position b is not: the answer is in [a, b].
  while (a < b) {
    const mid = (a + b) >> 1;
    if (below(tw, order, mid, hi, lo, strict)) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** The position in [0, n) where time (hi, lo) would be if the n times from (fh, fl) over `width` ns were evenly spaced. */
export function guess(n: number, fh: number, fl: number, width: number, hi: number, lo: number): number {
  if (!(width > 0)) return 0;
  return Math.min(n - 1, Math.max(0, Math.floor((((hi - fh) * 4294967296 + (lo - fl)) / width) * (n - 1))));
}

/** An index into the store's total order: (time, rowId), static (time null) before every time. */
export interface Index {
  time: bigint | null;
  rowId: Tuid;
}

/** Sign of a − b in (time, rowId) order. */
export function compareIndex(a: Index, b: Index): number {
  if (a.time !== b.time) {
    if (a.time === null) return -1;
    if (b.time === null) return 1;
    return a.time < b.time ? -1 : 1;
  }
  return tuidCompare(a.rowId, b.rowId);
}
