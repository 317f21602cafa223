const MIN_MATCH = 4;
function fail(what: string, at: number): never {
  throw new Error(`lz4 error: ${what} at input byte ${at}`);
}
export function lz4Decompress(src: Uint8Array, dst: Uint8Array): number {
  const sLen = src.length;
  const dLen = dst.length;
  const sv = new DataView(src.buffer, src.byteOffset, sLen);
  const dv = new DataView(dst.buffer, dst.byteOffset, dLen);
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
      if (n <= 16 && s + 16 <= sLen && d + 16 <= dLen) {
        dv.setInt32(d, sv.getInt32(s));
        dv.setInt32(d + 4, sv.getInt32(s + 4));
        if (n > 8) {
          dv.setInt32(d + 8, sv.getInt32(s + 8));
          dv.setInt32(d + 12, sv.getInt32(s + 12));
        }
        s = end;
        d += n;
      } else if (n < 64 && end + 3 <= sLen && d + n + 3 <= dLen) {
        let t = d;
        do { dv.setInt32(t, sv.getInt32(s)); s += 4; t += 4; } while (s < end);
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
    if (offset >= 4 && m <= 16 && d + 16 <= dLen) {
      dv.setInt32(d, dv.getInt32(r));
      dv.setInt32(d + 4, dv.getInt32(r + 4));
      dv.setInt32(d + 8, dv.getInt32(r + 8));
      dv.setInt32(d + 12, dv.getInt32(r + 12));
      d = end;
    } else if (offset >= 4 && m < 64 && end + 3 <= dLen) {
      do { dv.setInt32(d, dv.getInt32(r)); r += 4; d += 4; } while (d < end);
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
