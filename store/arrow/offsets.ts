/** Validation of Arrow offsets read from untrusted input. */
import { i32le, u32le } from "../dataview.ts";

/** Returns `o` after checking its `length + 1` offsets are non-decreasing, ≥ 0 and ≤ `limit`; throws naming column `name`. */
export function checkOffsets<T extends Int32Array | BigInt64Array>(name: string, o: T, length: number, limit: number): T {
  checkOffsetsIn(name, new Uint8Array(o.buffer, o.byteOffset, o.byteLength), 0, o instanceof BigInt64Array, length, limit);
  return o;
}

/** Checks offsets like `checkOffsets`, read from bytes: `length + 1` of them at `b[at]`, i64 when `wide` (else i32). */
export function checkOffsetsIn(name: string, b: Uint8Array, at: number, wide: boolean, length: number, limit: number): void {
  let prev = 0;
  for (let i = 0; i <= length; i++) {
    const v = wide ? i32le(b, at + 8 * i + 4) * 4294967296 + u32le(b, at + 8 * i) : i32le(b, at + 4 * i);
    if (!(v >= prev)) throw new Error(`Column '${name}' has negative or decreasing offsets`);
    prev = v;
  }
  if (prev > limit) throw new Error(`Offsets of '${name}' end at ${prev}, beyond the ${limit} available`);
}
