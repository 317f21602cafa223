/** Validation of Arrow offsets read from untrusted input. */
import { i32le, u32le } from "../dataview.ts";

/** Returns `o` after checking its `length + 1` offsets are non-decreasing, ≥ 0 and ≤ `limit`; throws naming column `name`. */
export function checkOffsets<T extends Int32Array | BigInt64Array>(name: string, o: T, length: number, limit: number): T {
  let prev = 0;
  for (let i = 0; i <= length; i++) prev = step(name, prev, Number(o[i]));
  end(name, prev, limit);
  return o;
}

/** Checks offsets like `checkOffsets`, read from bytes: `length + 1` of them at `b[at]`, i64 when `wide` (else i32). */
export function checkOffsetsIn(name: string, b: Uint8Array, at: number, wide: boolean, length: number, limit: number): void {
  if (at < 0 || at + (length + 1) * (wide ? 8 : 4) > b.length) throw new Error(`Offsets of '${name}' lie outside their buffer`);
  let prev = 0;
  for (let i = 0; i <= length; i++) prev = step(name, prev, wide ? i32le(b, at + 8 * i + 4) * 4294967296 + u32le(b, at + 8 * i) : i32le(b, at + 4 * i));
  end(name, prev, limit);
}

/** The offset `v` after `prev`, or a throw when it is negative, decreasing or missing (NaN). */
function step(name: string, prev: number, v: number): number {
  if (!(v >= prev)) throw new Error(`Column '${name}' has negative or decreasing offsets`);
  return v;
}

/** Throws when the last offset `last` is beyond the `limit` child values available. */
function end(name: string, last: number, limit: number): void {
  if (last > limit) throw new Error(`Offsets of '${name}' end at ${last}, beyond the ${limit} available`);
}
