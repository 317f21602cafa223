/** Byte-range equality for parse caches: recurring flatbuffer bytes are compared instead of parsed again. */

/** Bytes remembered for comparison, with a 32-bit word view of them (the copy starts 4-aligned). */
export interface Remembered {
  bytes: Uint8Array;
  words: Int32Array;
}

/** A copy of `b[start, end)` to compare later input against. */
export function remember(b: Uint8Array, start: number, end: number): Remembered {
  const bytes = b.slice(start, end);
  return { bytes, words: new Int32Array(bytes.buffer, 0, bytes.length >> 2) };
}

type Compare = (this: Uint8Array, target: Uint8Array, targetStart: number, targetEnd: number, sourceStart: number, sourceEnd: number) => number;

/** The runtime's native `Buffer#compare` (a memcmp; Bun and Node have it, browsers do not), or null. */
const nativeCompare = ((globalThis as { Buffer?: { prototype: { compare?: Compare } } }).Buffer?.prototype.compare ?? null) as Compare | null;

/** Below this many bytes a JS loop beats the native call. */
const NATIVE_MIN = 256;

/** The last buffer compared by `sameBytes` and a word view of it (made once per slab or packet, not per compare). */
let wordsBuffer: ArrayBufferLike | null = null;
let wordsView: Int32Array<ArrayBufferLike> = new Int32Array(0);

/** True when `b` holds the bytes of `want` at `at`. */
export function sameBytes(b: Uint8Array, at: number, want: Remembered): boolean {
  const n = want.bytes.length;
  if (at < 0 || at + n > b.length) return false;
  if (n >= NATIVE_MIN && nativeCompare !== null) return nativeCompare.call(b, want.bytes, 0, n, at, at + n) === 0;
  let i = 0;
  const start = b.byteOffset + at;
  if (start % 4 === 0) {
    const buffer = b.buffer;
    let x = wordsView;
    if (buffer !== wordsBuffer) {
      x = new Int32Array(buffer, 0, Math.floor(buffer.byteLength / 4));
      // Only small buffers are remembered: holding on to the last one must not pin much memory.
      if (buffer.byteLength <= 1 << 20) (wordsBuffer = buffer), (wordsView = x);
    }
    const y = want.words, base = start / 4;
    for (let k = 0; k < y.length; k++) if (x[base + k] !== y[k]) return false;
    i = y.length * 4;
  }
  const w = want.bytes;
  for (; i < n; i++) if (b[at + i] !== w[i]) return false;
  return true;
}
