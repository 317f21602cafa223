// LZ4 block format codec (raw block: no frame, no size prefix), as used for .rrd message bodies (spec §2.4).
// TypeScript, plus WebAssembly for small blocks (lz4-wasm.ts): runs unchanged in Bun, Deno, Node and browsers.

import { wasmDecompress } from "./lz4-wasm.ts";

const MIN_MATCH = 4;
const LAST_LITERALS = 5; // the last 5 bytes of a block are always literals
const MF_LIMIT = 12; // a match must start at least 12 bytes before the end of the block
const MAX_OFFSET = 65535;
const SKIP_TRIGGER = 6; // after 2^6 failed probes, step 2 bytes at a time, and so on
const HASH_LOG = 16;
const HASH_SHIFT = 32 - HASH_LOG;
const PRIME = 0x9e3779b1 | 0; // 2654435761, as in reference LZ4
const PRIME5 = 0x85ebca77 | 0; // mixes in the 5th byte: hashing 5 bytes (as lz4_flex does) finds longer matches
const WIDE_COPY_MIN = 1024; // outputs at least this long are decoded with 4-byte DataView copies
const NO_VIEW = new DataView(new ArrayBuffer(0));
const WASM_MAX = 64 << 10; // outputs up to this long are decompressed in WebAssembly (lz4-wasm.ts)

// Shared across calls: entries store `position + base`, and `base` grows past every position of the previous
// call, so stale entries read as negative and the table never needs clearing (except on int32 wrap-around).
const table = new Int32Array(1 << HASH_LOG);
let nextBase = 1;

/** Hash of the 5 bytes at `i` (4 read via `view`, the 5th via `src`), as a table index. */
function hash5(view: DataView, src: Uint8Array, i: number): number {
  return (Math.imul(view.getInt32(i, true), PRIME) ^ Math.imul(src[i + 4], PRIME5)) >>> HASH_SHIFT;
}

function fail(what: string, at: number): never {
  throw new Error(`lz4 error: ${what} at input byte ${at}`);
}

/** Decompresses one whole LZ4 block from `src` into `dst`, returning the number of bytes written; throws on malformed input. */
export function lz4Decompress(src: Uint8Array, dst: Uint8Array): number {
  // Small blocks go through WebAssembly (its copies in and out cost less than it saves there); a block it
  // refuses is decoded here again, to say why.
  if (dst.length <= WASM_MAX) {
    const n = wasmDecompress(src, dst);
    if (n !== null && n >= 0) return n;
  }
  return lz4DecompressJs(src, dst);
}

/** `lz4Decompress` in TypeScript alone (it says why a block is malformed). */
export function lz4DecompressJs(src: Uint8Array, dst: Uint8Array): number {
  const sLen = src.length;
  const dLen = dst.length;
  // Short copies move 4 bytes per DataView get/set (byte order is irrelevant for a copy). When there is room they
  // copy "wild" (up to 16 bytes, or up to 3 past the end); the excess lands on not-yet-decoded output and is
  // overwritten by later sequences. Matches with offset >= 4 may be copied forward word by word because each word
  // only reads bytes that are already final. Small outputs use byte loops only (room = 0): creating the DataViews
  // costs more than they save there (JSC copies a small typed array into a new ArrayBuffer on `.buffer`).
  const room = dLen >= WIDE_COPY_MIN ? dLen : 0;
  const sv = room ? new DataView(src.buffer, src.byteOffset, sLen) : NO_VIEW;
  const dv = room ? new DataView(dst.buffer, dst.byteOffset, dLen) : NO_VIEW;
  let s = 0;
  let d = 0;
  for (;;) {
    if (s >= sLen) fail("unexpected end of input, expected a token", s);
    const token = src[s++];
    let n = token >>> 4;
    if (n === 15) {
      let b: number;
      do {
        if (s >= sLen) fail("truncated literal length", s);
        b = src[s++];
        n += b;
      } while (b === 255);
    }
    if (n !== 0) {
      if (n > sLen - s) fail(`literal run of ${n} bytes overruns the input (${sLen} bytes)`, s);
      if (n > dLen - d) fail(`literal run of ${n} bytes overruns the output (${dLen} bytes)`, s);
      const end = s + n;
      if (n <= 16 && s + 16 <= sLen && d + 16 <= room) {
        dv.setInt32(d, sv.getInt32(s));
        dv.setInt32(d + 4, sv.getInt32(s + 4));
        if (n > 8) {
          dv.setInt32(d + 8, sv.getInt32(s + 8));
          dv.setInt32(d + 12, sv.getInt32(s + 12));
        }
        s = end;
        d += n;
      } else if (n < 64 && end + 3 <= sLen && d + n + 3 <= room) {
        let t = d;
        do {
          dv.setInt32(t, sv.getInt32(s));
          s += 4;
          t += 4;
        } while (s < end);
        s = end;
        d += n;
      } else if (n < 64) {
        while (s < end) dst[d++] = src[s++];
      } else {
        dst.set(src.subarray(s, s + n), d);
        s += n;
        d += n;
      }
    }
    if (s === sLen) return d;
    if (sLen - s < 2) fail("truncated match offset", s);
    const offset = src[s] | (src[s + 1] << 8);
    if (offset === 0) fail("match offset 0", s);
    if (offset > d) fail(`match offset ${offset} out of bounds (only ${d} bytes decoded)`, s);
    s += 2;
    let m = token & 15;
    if (m === 15) {
      let b: number;
      do {
        if (s >= sLen) fail("truncated match length", s);
        b = src[s++];
        m += b;
      } while (b === 255);
    }
    m += MIN_MATCH;
    if (m > dLen - d) fail(`match of ${m} bytes overruns the output (${dLen} bytes)`, s);
    const end = d + m;
    let r = d - offset;
    if (offset >= 4 && m <= 16 && d + 16 <= room) {
      dv.setInt32(d, dv.getInt32(r));
      dv.setInt32(d + 4, dv.getInt32(r + 4));
      dv.setInt32(d + 8, dv.getInt32(r + 8));
      dv.setInt32(d + 12, dv.getInt32(r + 12));
      d = end;
    } else if (offset >= 4 && m < 64 && end + 3 <= room) {
      do {
        dv.setInt32(d, dv.getInt32(r));
        r += 4;
        d += 4;
      } while (d < end);
      d = end;
    } else if (m < 32) {
      while (d < end) dst[d++] = dst[r++];
    } else {
      while (d < end) {
        const k = Math.min(d - r, end - d);
        dst.copyWithin(d, r, r + k);
        d += k;
      }
    }
  }
}

/** Worst-case compressed size of `n` input bytes (reference LZ4_COMPRESSBOUND). */
export function lz4CompressBound(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 0x7e000000) throw new Error(`lz4 error: invalid input size ${n}`);
  return n + Math.floor(n / 255) + 16;
}

/** Compresses `src` as one LZ4 block (fast mode) into `dst` (default: a new buffer), returning the written view of it. */
export function lz4Compress(src: Uint8Array, dst?: Uint8Array): Uint8Array {
  const n = src.length;
  const bound = lz4CompressBound(n);
  if (dst === undefined) dst = new Uint8Array(bound);
  else if (dst.length < bound) throw new Error(`lz4 error: output buffer of ${dst.length} bytes is below lz4CompressBound(${n}) = ${bound}`);
  let d = 0;
  let anchor = 0;
  if (n > MF_LIMIT) {
    if (nextBase > 0x7fffffff - n) {
      table.fill(0);
      nextBase = 1;
    }
    const base = nextBase;
    nextBase += n;
    const view = new DataView(src.buffer, src.byteOffset, n);
    const mfLimit = n - MF_LIMIT; // last allowed match start
    const matchLimit = n - LAST_LITERALS; // matches end at or before this
    table[hash5(view, src, 0)] = base;
    let ip = 1;
    search: for (;;) {
      let fwd = ip;
      let step = 1;
      let probes = 1 << SKIP_TRIGGER;
      let ref: number;
      let seq: number;
      do {
        ip = fwd;
        fwd += step;
        step = probes++ >>> SKIP_TRIGGER;
        if (fwd > mfLimit + 1) break search;
        seq = view.getInt32(ip, true);
        const h = hash5(view, src, ip);
        ref = table[h] - base;
        table[h] = ip + base;
      } while (ref < 0 || ip - ref > MAX_OFFSET || view.getInt32(ref, true) !== seq);
      while (ip > anchor && ref > 0 && src[ip - 1] === src[ref - 1]) {
        ip--;
        ref--;
      }
      for (;;) {
        let e = ip + MIN_MATCH;
        let r = ref + MIN_MATCH;
        extend: {
          while (e < matchLimit - 3) {
            const x = view.getInt32(e, true) ^ view.getInt32(r, true);
            if (x !== 0) {
              e += (31 - Math.clz32(x & -x)) >>> 3;
              break extend;
            }
            e += 4;
            r += 4;
          }
          while (e < matchLimit && src[e] === src[r]) {
            e++;
            r++;
          }
        }
        const tokenAt = d++;
        let lit = ip - anchor;
        let token: number;
        if (lit >= 15) {
          token = 0xf0;
          for (lit -= 15; lit >= 255; lit -= 255) dst[d++] = 255;
          dst[d++] = lit;
          dst.set(src.subarray(anchor, ip), d);
          d += ip - anchor;
        } else {
          token = lit << 4;
          while (anchor < ip) dst[d++] = src[anchor++];
        }
        const offset = ip - ref;
        dst[d++] = offset;
        dst[d++] = offset >>> 8;
        let ml = e - ip - MIN_MATCH;
        if (ml >= 15) {
          token |= 15;
          for (ml -= 15; ml >= 255; ml -= 255) dst[d++] = 255;
          dst[d++] = ml;
        } else {
          token |= ml;
        }
        dst[tokenAt] = token;
        anchor = ip = e;
        if (ip > mfLimit) break search;
        table[hash5(view, src, ip - 2)] = ip - 2 + base;
        // Try an immediate match at the new position before going back to searching.
        seq = view.getInt32(ip, true);
        const h = hash5(view, src, ip);
        ref = table[h] - base;
        table[h] = ip + base;
        if (ref < 0 || ip - ref > MAX_OFFSET || view.getInt32(ref, true) !== seq) {
          ip++;
          continue search;
        }
      }
    }
  }
  let lit = n - anchor;
  if (lit >= 15) {
    dst[d++] = 0xf0;
    for (lit -= 15; lit >= 255; lit -= 255) dst[d++] = 255;
    dst[d++] = lit;
  } else {
    dst[d++] = lit << 4;
  }
  dst.set(src.subarray(anchor, n), d);
  d += n - anchor;
  return dst.subarray(0, d);
}
