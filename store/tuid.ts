import type { Tuid } from "./logmsg.ts";

const U64 = (1n << 64n) - 1n;

/** The 128-bit value of a Tuid. */
export function tuidToBigInt(t: Tuid): bigint {
  return (t.timeNs << 64n) | t.inc;
}

/** The 128-bit value being parsed by `tuidFromHex`, as 32-bit words (low first) and as 64-bit halves (platform order: little-endian). */
const hexWords = new Uint32Array(4);
const hexHalves = new BigUint64Array(hexWords.buffer);

/** A Tuid from 1–32 hex digits (a chunk's `rerun.id`), or null when `s` is not that; no BigInt per digit. */
export function tuidFromHex(s: string): Tuid | null {
  const n = s.length;
  if (n < 1 || n > 32) return null;
  // Word w (low first) holds digits [n - 8(w+1), n - 8w) of the string.
  for (let w = 0; w < 4; w++) {
    let x = 0;
    for (let i = Math.max(0, n - 8 * (w + 1)); i < n - 8 * w; i++) {
      const c = s.charCodeAt(i);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
      if (d < 0) return null;
      x = (x << 4) | d;
    }
    hexWords[w] = x;
  }
  return { timeNs: hexHalves[1]!, inc: hexHalves[0]! };
}

/** Rerun's display form: 32 upper-case hex digits. */
export function tuidToString(t: Tuid): string {
  return tuidToBigInt(t).toString(16).toUpperCase().padStart(32, "0");
}

/** Compare two Tuids: by time, then by counter. */
export function tuidCompare(a: Tuid, b: Tuid): number {
  if (a.timeNs !== b.timeNs) return a.timeNs < b.timeNs ? -1 : 1;
  if (a.inc !== b.inc) return a.inc < b.inc ? -1 : 1;
  return 0;
}

let lastTime = 0n;
let counter = BigInt(Math.floor(Math.random() * 2 ** 31)) << 31n;

/** A fresh, process-monotonic Tuid (wall-clock ns, then an incrementing counter). */
export function newTuid(): Tuid {
  const now = BigInt(Date.now()) * 1_000_000n + BigInt(Math.floor((performance.now() % 1) * 1e6));
  lastTime = now > lastTime ? now : lastTime + 1n;
  counter = (counter + 1n) & (U64 >> 1n);
  return { timeNs: lastTime, inc: counter };
}
