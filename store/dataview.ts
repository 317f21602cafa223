/**
 * DataViews over whole ArrayBuffers, made once per small buffer: the messages copied into one slab
 * (or one packet) share a view instead of each making their own (~100 ns apiece).
 */
const CACHED_MAX = 1 << 20;
let lastBuffer: ArrayBufferLike | null = null;
let lastView: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

/** A DataView over all of `buffer` (address bytes at their `byteOffset` in it). */
export function viewOf(buffer: ArrayBufferLike): DataView<ArrayBufferLike> {
  if (buffer === lastBuffer) return lastView;
  const view = new DataView(buffer, 0, buffer.byteLength);
  // Only small buffers are remembered: holding on to the last one must not pin much memory.
  if (buffer.byteLength <= CACHED_MAX) {
    lastBuffer = buffer;
    lastView = view;
  }
  return view;
}

/** The little-endian u32 at `b[at]` (framing lengths: no DataView needed for four bytes). */
export function u32le(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** The little-endian i32 at `b[at]`. */
export function i32le(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);
}
