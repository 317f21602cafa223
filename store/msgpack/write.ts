/** A growable MessagePack writer emitting rmp-serde's canonical (smallest) forms. */

const utf8 = new TextEncoder();

export class MsgWriter {
  private buf: Uint8Array;
  private view: DataView;
  pos = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** The bytes written so far (a view). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  mapLen(n: number): this {
    return this.header(n, 0x80, 0xde, 0xdf);
  }

  arrayLen(n: number): this {
    return this.header(n, 0x90, 0xdc, 0xdd);
  }

  private header(n: number, fix: number, m16: number, m32: number): this {
    this.reserve(5);
    if (n < 16) this.buf[this.pos++] = fix | n;
    else if (n <= 0xffff) { this.buf[this.pos++] = m16; this.view.setUint16(this.pos, n); this.pos += 2; }
    else { this.buf[this.pos++] = m32; this.view.setUint32(this.pos, n); this.pos += 4; }
    return this;
  }

  nil(): this {
    this.reserve(1);
    this.buf[this.pos++] = 0xc0;
    return this;
  }

  bool(v: boolean): this {
    this.reserve(1);
    this.buf[this.pos++] = v ? 0xc3 : 0xc2;
    return this;
  }

  str(s: string): this {
    const max = s.length * 3;
    this.reserve(5 + max);
    // Encode after the longest possible header, then fix up the header if it is shorter.
    const hdr = max < 32 ? 1 : max <= 0xff ? 2 : max <= 0xffff ? 3 : 5;
    const n = utf8.encodeInto(s, this.buf.subarray(this.pos + hdr)).written;
    const need = n < 32 ? 1 : n <= 0xff ? 2 : n <= 0xffff ? 3 : 5;
    if (need !== hdr) this.buf.copyWithin(this.pos + need, this.pos + hdr, this.pos + hdr + n);
    if (need === 1) this.buf[this.pos] = 0xa0 | n;
    else if (need === 2) { this.buf[this.pos] = 0xd9; this.buf[this.pos + 1] = n; }
    else if (need === 3) { this.buf[this.pos] = 0xda; this.view.setUint16(this.pos + 1, n); }
    else { this.buf[this.pos] = 0xdb; this.view.setUint32(this.pos + 1, n); }
    this.pos += need + n;
    return this;
  }

  /** Writes a bin header for `n` bytes (the caller appends the bytes). */
  binHeader(n: number): this {
    this.reserve(5);
    if (n <= 0xff) { this.buf[this.pos++] = 0xc4; this.buf[this.pos++] = n; }
    else if (n <= 0xffff) { this.buf[this.pos++] = 0xc5; this.view.setUint16(this.pos, n); this.pos += 2; }
    else { this.buf[this.pos++] = 0xc6; this.view.setUint32(this.pos, n); this.pos += 4; }
    return this;
  }

  /** Writes an integer with the smallest marker; non-negative values use unsigned markers, like rmp. */
  int(v: bigint | number): this {
    this.reserve(9);
    const b = this.buf, p = this.pos;
    if (typeof v === "number" && Number.isSafeInteger(v)) {
      if (v >= 0 && v <= 0x7f) { b[p] = v; this.pos = p + 1; return this; }
      if (v < 0 && v >= -32) { b[p] = 0x100 + v; this.pos = p + 1; return this; }
    }
    const x = BigInt(v);
    if (x >= 0n) {
      if (x <= 0x7fn) { b[p] = Number(x); this.pos = p + 1; }
      else if (x <= 0xffn) { b[p] = 0xcc; b[p + 1] = Number(x); this.pos = p + 2; }
      else if (x <= 0xffffn) { b[p] = 0xcd; this.view.setUint16(p + 1, Number(x)); this.pos = p + 3; }
      else if (x <= 0xffffffffn) { b[p] = 0xce; this.view.setUint32(p + 1, Number(x)); this.pos = p + 5; }
      else { b[p] = 0xcf; this.view.setBigUint64(p + 1, x); this.pos = p + 9; }
    } else if (x >= -32n) { b[p] = 0x100 + Number(x); this.pos = p + 1; }
    else if (x >= -0x80n) { b[p] = 0xd0; this.view.setInt8(p + 1, Number(x)); this.pos = p + 2; }
    else if (x >= -0x8000n) { b[p] = 0xd1; this.view.setInt16(p + 1, Number(x)); this.pos = p + 3; }
    else if (x >= -0x80000000n) { b[p] = 0xd2; this.view.setInt32(p + 1, Number(x)); this.pos = p + 5; }
    else { b[p] = 0xd3; this.view.setBigInt64(p + 1, x); this.pos = p + 9; }
    return this;
  }
}
