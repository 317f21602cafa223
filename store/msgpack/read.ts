/** A cursor over MessagePack bytes that reads exactly the value kinds Rerun's envelope uses. */
import { utf8At } from "../utf8.ts";

/** Thrown for any malformed or unexpected MessagePack; `pos` is relative to the buffer read. */
export class MsgPackError extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
    this.name = "MsgPackError";
  }
}


/** 64-bit integers are read through these 8 bytes: a reader then needs no DataView of its own (~100 ns each). */
const scratch = new Uint8Array(8);
const scratchView = new DataView(scratch.buffer);

export class MsgReader {
  pos = 0;

  constructor(readonly buf: Uint8Array) {}

  /** True when every byte was consumed. */
  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new MsgPackError(`unexpected end of data (needs ${n} more bytes)`, this.pos);
  }

  private byte(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  /** The next marker byte, not consumed. */
  peek(): number {
    this.need(1);
    return this.buf[this.pos]!;
  }

  private fail(what: string, at: number): never {
    throw new MsgPackError(`expected ${what}, found marker 0x${this.buf[at]!.toString(16).padStart(2, "0")}`, at);
  }

  /** Reads a map header, returning its entry count. */
  mapLen(): number {
    const at = this.pos, m = this.byte();
    if (m >= 0x80 && m <= 0x8f) return m & 0x0f;
    if (m === 0xde) return this.u16();
    if (m === 0xdf) return this.u32();
    return this.fail("a map", at);
  }

  /** Reads an array header, returning its length. */
  arrayLen(): number {
    const at = this.pos, m = this.byte();
    if (m >= 0x90 && m <= 0x9f) return m & 0x0f;
    if (m === 0xdc) return this.u16();
    if (m === 0xdd) return this.u32();
    return this.fail("an array", at);
  }

  /** True (and consumes it) if the next value is nil. */
  nil(): boolean {
    if (this.peek() !== 0xc0) return false;
    this.pos++;
    return true;
  }

  bool(): boolean {
    const at = this.pos, m = this.byte();
    if (m === 0xc2) return false;
    if (m === 0xc3) return true;
    return this.fail("a bool", at);
  }

  /** Reads a string. */
  str(): string {
    const at = this.pos, m = this.byte();
    let n: number;
    if (m >= 0xa0 && m <= 0xbf) n = m & 0x1f;
    else if (m === 0xd9) n = this.u8();
    else if (m === 0xda) n = this.u16();
    else if (m === 0xdb) n = this.u32();
    else return this.fail("a string", at);
    this.need(n);
    const start = this.pos;
    this.pos += n;
    try {
      return utf8At(this.buf, start, start + n);
    } catch {
      throw new MsgPackError("invalid UTF-8 in string", start);
    }
  }

  /** Consumes the next value if it is the string `s` (ASCII, under 32 bytes) and returns true; else reads nothing. */
  isStr(s: string): boolean {
    const p = this.pos, n = s.length, b = this.buf;
    if (p + 1 + n > b.length || b[p] !== (0xa0 | n)) return false;
    for (let i = 0; i < n; i++) if (b[p + 1 + i] !== s.charCodeAt(i)) return false;
    this.pos = p + 1 + n;
    return true;
  }

  /** Reads a bin value as a view (no copy). */
  bin(): Uint8Array {
    const n = this.binLen();
    this.need(n);
    const start = this.pos;
    this.pos += n;
    return this.buf.subarray(start, start + n);
  }

  /** Reads the header of binary data: how many bytes follow it. */
  binLen(): number {
    const at = this.pos, m = this.byte();
    if (m === 0xc4) return this.u8();
    if (m === 0xc5) return this.u16();
    if (m === 0xc6) return this.u32();
    return this.fail("binary data", at);
  }

  /** Reads any integer exactly, as a bigint. */
  int(): bigint {
    const at = this.pos, m = this.byte();
    if (m <= 0x7f) return BigInt(m);
    if (m >= 0xe0) return BigInt(m - 0x100);
    switch (m) {
      case 0xcc: return BigInt(this.u8());
      case 0xcd: return BigInt(this.u16());
      case 0xce: return BigInt(this.u32());
      case 0xcf: return this.word64().getBigUint64(0);
      case 0xd0: return BigInt((this.u8() << 24) >> 24);
      case 0xd1: return BigInt((this.u16() << 16) >> 16);
      case 0xd2: return BigInt(this.u32() | 0);
      case 0xd3: return this.word64().getBigInt64(0);
    }
    return this.fail("an integer", at);
  }

  /** Reads an integer that must fit in a JS number (u8 fields and the like). */
  small(): number {
    const at = this.pos, v = this.int();
    if (v > 0xffffffffn || v < -0x80000000n) throw new MsgPackError(`integer ${v} out of range`, at);
    return Number(v);
  }

  /** Skips one value of any kind, however nested. */
  skip(): void {
    const at = this.pos, m = this.byte();
    if (m <= 0x7f || m >= 0xe0 || m === 0xc0 || m === 0xc2 || m === 0xc3) return;
    if (m >= 0x80 && m <= 0x8f) return this.skipN((m & 0x0f) * 2);
    if (m >= 0x90 && m <= 0x9f) return this.skipN(m & 0x0f);
    if (m >= 0xa0 && m <= 0xbf) return this.advance(m & 0x1f);
    switch (m) {
      case 0xc4: case 0xd9: return this.advance(this.u8());
      case 0xc5: case 0xda: return this.advance(this.u16());
      case 0xc6: case 0xdb: return this.advance(this.u32());
      case 0xcc: case 0xd0: return this.advance(1);
      case 0xcd: case 0xd1: return this.advance(2);
      case 0xce: case 0xd2: case 0xca: return this.advance(4);
      case 0xcf: case 0xd3: case 0xcb: return this.advance(8);
      case 0xd4: return this.advance(2);
      case 0xd5: return this.advance(3);
      case 0xd6: return this.advance(5);
      case 0xd7: return this.advance(9);
      case 0xd8: return this.advance(17);
      case 0xc7: return this.advance(this.u8() + 1);
      case 0xc8: return this.advance(this.u16() + 1);
      case 0xc9: return this.advance(this.u32() + 1);
      case 0xdc: return this.skipN(this.u16());
      case 0xdd: return this.skipN(this.u32());
      case 0xde: return this.skipN(this.u16() * 2);
      case 0xdf: return this.skipN(this.u32() * 2);
    }
    return this.fail("a MessagePack value", at);
  }

  private skipN(n: number): void {
    // Each value needs at least one byte: a count larger than what remains is malformed.
    this.need(n === 0 ? 0 : Math.min(n, this.buf.length - this.pos + 1));
    for (let i = 0; i < n; i++) this.skip();
  }

  private advance(n: number): void {
    this.need(n);
    this.pos += n;
  }

  private u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  private u16(): number {
    this.need(2);
    const b = this.buf, p = this.pos;
    this.pos = p + 2;
    return (b[p]! << 8) | b[p + 1]!;
  }

  private u32(): number {
    this.need(4);
    const b = this.buf, p = this.pos;
    this.pos = p + 4;
    return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
  }

  /** The next 8 bytes, consumed, in the shared scratch view (big-endian, as MessagePack writes them). */
  private word64(): DataView {
    this.need(8);
    const b = this.buf, p = this.pos;
    for (let i = 0; i < 8; i++) scratch[i] = b[p + i]!;
    this.pos = p + 8;
    return scratchView;
  }
}
