/**
 * UTF-8 decoding of byte ranges with a small cache of short strings: envelope keys, field names and
 * metadata repeat in every message, so most lookups skip both the subarray and the TextDecoder call.
 */
const fatal = new TextDecoder("utf-8", { fatal: true });
const SLOTS = 1024;
const MAX_CACHED = 48;
/** Slot `s` caches the string `values[s]` whose bytes are `keys[s * MAX_CACHED ..][..lengths[s]]` (-1: empty). */
const keys = new Uint8Array(SLOTS * MAX_CACHED);
const lengths = new Int32Array(SLOTS).fill(-1);
const values: string[] = new Array(SLOTS).fill("");

/** Decodes `b[start, end)` as UTF-8 without the cache; throws a TypeError on invalid UTF-8. */
export function utf8(b: Uint8Array, start: number, end: number): string {
  return fatal.decode(b.subarray(start, end));
}

/** Decodes `b[start, end)` as UTF-8, through the cache; throws a TypeError on invalid UTF-8. */
export function utf8At(b: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n > MAX_CACHED) return utf8(b, start, end);
  let h = n;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  const slot = h >>> 22;
  const k = slot * MAX_CACHED;
  if (lengths[slot] === n) {
    let i = 0;
    while (i < n && keys[k + i] === b[start + i]) i++;
    if (i === n) return values[slot]!;
  }
  const s = utf8(b, start, end);
  for (let i = 0; i < n; i++) keys[k + i] = b[start + i]!;
  lengths[slot] = n;
  values[slot] = s;
  return s;
}
