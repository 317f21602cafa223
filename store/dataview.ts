/** Little-endian integers read from bytes: no DataView (whose `.buffer` access a per-message subarray makes slow). */

/** The little-endian u32 at `b[at]`. */
export function u32le(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** The little-endian i32 at `b[at]`. */
export function i32le(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);
}

/** The little-endian i64 at `b[at]`. */
export function i64le(b: Uint8Array, at: number): bigint {
  return (BigInt(i32le(b, at + 4)) << 32n) | BigInt(u32le(b, at));
}
