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

/** The words of `t`. */
export function words(t: bigint): Words {
  return { hi: Number(t >> 32n), lo: Number(t & 0xffffffffn) };
}

const i32 = (a: BigInt64Array): Int32Array => new Int32Array(a.buffer, a.byteOffset, a.length * 2);
const u32 = (a: BigInt64Array | BigUint64Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length * 2);

/** What rows are compared by: time only, row id only, or (time, rowId). */
export type Order = "time" | "rowId" | "both";

/** Word views of one chunk's rows on one timeline (or of its row ids only, when `times` is null). */
export class RowKeys {
  private readonly th: Int32Array;
  private readonly tl: Uint32Array;
  private readonly rt: Uint32Array;
  private readonly ri: Uint32Array;

  constructor(chunk: Chunk, times: BigInt64Array | null) {
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

  /** Row indices [0, n) in (time, rowId) order, or null when that is already the row order. */
  order(n: number): Int32Array | null {
    if (this.sorted(n, "both")) return null;
    const ix = Int32Array.from({ length: n }, (_, i) => i);
    return ix.sort((a, b) => this.cmp(a, this, b));
  }
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
