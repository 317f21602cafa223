/**
 * Small byte copies packed into shared slabs: one allocation per slab instead of one per message.
 * A slab (128 KiB) stays alive while any copy in it does; only copies of at most 8 KiB go there, and the
 * store's compaction re-copies small chunks, so survivors pinning a slab are short-lived.
 */
const SLAB = 128 << 10;
/** Copies up to this many bytes go into a slab. */
export const SLAB_MAX = 8 << 10;
let slab = new Uint8Array(0);
let used = 0;

/** The runtime's `Buffer.allocUnsafeSlow` (Bun, Node), or null (browsers, Deno without Node globals). */
const allocUnsafe = (globalThis as { Buffer?: { allocUnsafeSlow(n: number): Uint8Array<ArrayBuffer> } }).Buffer ?? null;

/** `n` bytes, uninitialised where the runtime can (every caller overwrites them): zeroing first would touch them twice. */
function fresh(n: number): Uint8Array<ArrayBuffer> {
  if (allocUnsafe === null) return new Uint8Array(n);
  const b = allocUnsafe.allocUnsafeSlow(n);
  return new Uint8Array(b.buffer, b.byteOffset, n);
}

/** `n` bytes for the caller to fill, starting `skew` (0–7) bytes past an 8-aligned address: in a slab when `n` is at most SLAB_MAX, else fresh. */
export function slabSpace(n: number, skew = 0): Uint8Array {
  if (n > SLAB_MAX) return fresh(n + skew).subarray(skew);
  if (used + skew + n > slab.length) {
    slab = fresh(SLAB);
    used = 0;
  }
  const start = used + skew;
  used = (start + n + 7) & ~7;
  return slab.subarray(start, start + n);
}

/** An 8-aligned copy of `b` (Arrow IPC views need the alignment). */
export function alignedCopy(b: Uint8Array): Uint8Array {
  if (b.length > SLAB_MAX) return b.slice();
  const out = slabSpace(b.length);
  out.set(b);
  return out;
}

/** `b` moved back by 0–7 bytes within its own buffer so that it starts 8-aligned; the 7 bytes before it must be free. */
export function alignInPlace(b: Uint8Array): Uint8Array {
  const d = b.byteOffset % 8;
  if (d === 0) return b;
  const span = new Uint8Array(b.buffer, b.byteOffset - d, b.length + d);
  span.copyWithin(0, d);
  return span.subarray(0, b.length);
}
