/**
 * A tiny FlatBuffers reader and builder: just enough for Arrow's Schema.fbs / Message.fbs.
 * The reader bounds-checks every access and throws a one-line Error on malformed input.
 * The builder writes front to back (parent before children), so every uoffset points forward.
 */

import { i32le, u32le } from "../dataview.ts";
import { utf8, utf8At } from "../utf8.ts";

const utf8Encoder = new TextEncoder();

/**
 * Bounds-checked little-endian access to one flatbuffer. Reads are byte loads from `bytes`: a DataView
 * would need `bytes.buffer`, which costs a subarray made per message more than the reads it saves.
 */
export class FbReader {
  // Tables, vector elements and string bytes visited; legal flatbuffers stay well below this,
  // while shared or self-referencing sub-objects would otherwise make the work blow up.
  private work: number;
  /** The lowest byte position read since `track()`. */
  lo = 0;
  /** One past the highest byte position read since `track()`. */
  hi = 0;

  constructor(readonly bytes: Uint8Array) {
    this.work = 4 * bytes.length + 1024;
  }

  /** Decoding work still allowed (see `charge`). */
  get budget(): number {
    return this.work;
  }

  /** Starts recording the span of bytes that reads touch, in `lo` and `hi`. */
  track(): void {
    this.lo = this.bytes.length;
    this.hi = 0;
  }

  /** Accounts for `units` of decoding work; throws once the input-proportional budget is spent. */
  charge(units: number): void {
    this.work -= units;
    if (this.work < 0) throw new Error("Flatbuffer references more data than it holds (shared or cyclic objects)");
  }

  /** Throws unless `size` bytes at `pos` lie inside the buffer. */
  need(pos: number, size: number): void {
    if (pos < 0 || size < 0 || pos + size > this.bytes.length) {
      throw new Error(`Flatbuffer access out of bounds (${size} bytes at ${pos} of ${this.bytes.length})`);
    }
    if (pos < this.lo) this.lo = pos;
    if (pos + size > this.hi) this.hi = pos + size;
  }

  /** Reads an unsigned byte. */
  u8(pos: number): number {
    this.need(pos, 1);
    return this.bytes[pos]!;
  }

  /** Reads a signed 16-bit integer. */
  i16(pos: number): number {
    this.need(pos, 2);
    return ((this.bytes[pos]! | (this.bytes[pos + 1]! << 8)) << 16) >> 16;
  }

  /** Reads an unsigned 16-bit integer. */
  u16(pos: number): number {
    this.need(pos, 2);
    return this.bytes[pos]! | (this.bytes[pos + 1]! << 8);
  }

  /** Reads a signed 32-bit integer. */
  i32(pos: number): number {
    this.need(pos, 4);
    return i32le(this.bytes, pos);
  }

  /** Reads an unsigned 32-bit integer. */
  u32(pos: number): number {
    this.need(pos, 4);
    return u32le(this.bytes, pos);
  }

  /** Reads a signed 64-bit integer as a number; throws if it is not a safe integer. */
  i64(pos: number): number {
    this.need(pos, 8);
    const lo = u32le(this.bytes, pos);
    const hi = i32le(this.bytes, pos + 4);
    if (hi > 0x1fffff || hi < -0x200000) throw new Error(`64-bit integer at ${pos} is out of the safe range`);
    return hi * 0x100000000 + lo;
  }

  /** Follows the uoffset stored at `pos` and returns the absolute target position. */
  deref(pos: number): number {
    const target = pos + this.u32(pos);
    this.need(target, 0);
    return target;
  }

  /** The tables of a vector of `length` uoffsets at `start` (as `FbTable.vector` locates it). */
  tablesIn(v: { start: number; length: number }): FbTable[] {
    const out: FbTable[] = [];
    for (let i = 0; i < v.length; i++) out.push(new FbTable(this, this.deref(v.start + 4 * i)));
    return out;
  }

  /** Returns the root table (the uoffset at position 0). */
  root(): FbTable {
    return new FbTable(this, this.deref(0));
  }
}

/** One flatbuffer table with its validated vtable. */
export class FbTable {
  pos = 0;
  private vtable = 0;
  private vtableSize = 0;
  private tableSize = 0;

  constructor(
    private readonly r: FbReader,
    pos: number,
  ) {
    this.moveTo(pos);
  }

  /** Makes this the table at `pos` (one object for a walk over many tables, e.g. key-value pairs). */
  private moveTo(pos: number): void {
    const r = this.r;
    r.charge(1);
    this.pos = pos;
    this.vtable = pos - r.i32(pos);
    this.vtableSize = r.u16(this.vtable);
    this.tableSize = r.u16(this.vtable + 2);
    if (this.vtableSize < 4 || this.vtableSize % 2 !== 0 || this.tableSize < 4) {
      throw new Error(`Malformed flatbuffer vtable at ${this.vtable}`);
    }
    r.need(this.vtable, this.vtableSize);
    r.need(pos, this.tableSize);
  }

  /** Absolute position of field `id` holding `size` bytes, or -1 when absent. */
  private field(id: number, size: number): number {
    const slot = 4 + 2 * id;
    if (slot + 2 > this.vtableSize) return -1;
    const off = this.r.u16(this.vtable + slot);
    if (off === 0) return -1;
    if (off + size > this.tableSize) throw new Error(`Flatbuffer field ${id} lies outside its table`);
    return this.pos + off;
  }

  /** Reads a u8 field (also used for bools and union type tags). */
  u8(id: number, dflt: number): number {
    const p = this.field(id, 1);
    return p < 0 ? dflt : this.r.u8(p);
  }

  /** Reads an i16 field. */
  i16(id: number, dflt: number): number {
    const p = this.field(id, 2);
    return p < 0 ? dflt : this.r.i16(p);
  }

  /** Reads an i32 field. */
  i32(id: number, dflt: number): number {
    const p = this.field(id, 4);
    return p < 0 ? dflt : this.r.i32(p);
  }

  /** Reads an i64 field as a safe-integer number. */
  i64(id: number, dflt: number): number {
    const p = this.field(id, 8);
    return p < 0 ? dflt : this.r.i64(p);
  }

  /** Reads a sub-table (or union value) field. */
  table(id: number): FbTable | null {
    const p = this.field(id, 4);
    return p < 0 ? null : new FbTable(this.r, this.r.deref(p));
  }

  /** Reads a UTF-8 string field; `cache: false` for a string unique to this input (see utf8.ts). */
  string(id: number, cache = true): string | null {
    const p = this.field(id, 4);
    return p < 0 ? null : this.textAt(p, cache);
  }

  /** Reads a vector of KeyValue tables (Arrow's custom metadata) as a Map; the value of key `unique` skips the string cache. */
  keyValues(id: number, unique?: string): Map<string, string> {
    const out = new Map<string, string>();
    const p = this.field(id, 4);
    if (p < 0) return out;
    const r = this.r, at = r.deref(p), n = r.u32(at);
    r.need(at + 4, 4 * n);
    let kv: FbTable | null = null;
    for (let i = 0; i < n; i++) {
      const pos = r.deref(at + 4 + 4 * i);
      if (kv === null) kv = new FbTable(r, pos);
      else kv.moveTo(pos);
      const k = kv.field(0, 4), v = kv.field(1, 4);
      const key = k < 0 ? "" : kv.textAt(k, true);
      out.set(key, v < 0 ? "" : kv.textAt(v, key !== unique));
    }
    return out;
  }

  /** The string that the uoffset at `p` points to. */
  private textAt(p: number, cache: boolean): string {
    const r = this.r, at = r.deref(p), length = r.u32(at), start = at + 4;
    r.need(start, length);
    r.charge(length);
    try {
      return (cache ? utf8At : utf8)(r.bytes, start, start + length);
    } catch {
      throw new Error(`Invalid UTF-8 in flatbuffer string at ${start}`);
    }
  }

  /** Locates a vector field of `elemSize`-byte elements; all elements are bounds-checked. */
  vector(id: number, elemSize: number): { start: number; length: number } | null {
    const p = this.field(id, 4);
    if (p < 0) return null;
    const at = this.r.deref(p);
    const length = this.r.u32(at);
    this.r.need(at + 4, length * elemSize);
    return { start: at + 4, length };
  }

  /** Reads a vector-of-tables field (empty when absent). */
  tables(id: number): FbTable[] {
    const v = this.vector(id, 4);
    return v ? this.r.tablesIn(v) : [];
  }

  /** Reads a vector of i32 scalars. */
  i32s(id: number): number[] | null {
    const v = this.vector(id, 4);
    if (!v) return null;
    this.r.charge(v.length);
    const out: number[] = [];
    for (let i = 0; i < v.length; i++) out.push(this.r.i32(v.start + 4 * i));
    return out;
  }
}

/** A builder value: scalar, table, string, vector of offsets, or vector of numeric scalars/structs. */
export type FbValue =
  | { k: "scalar"; size: 1 | 2 | 4 | 8; v: number }
  | { k: "table"; slots: (FbValue | null)[] }
  | { k: "vec"; items: (FbTableValue | string)[] }
  | { k: "nums"; size: 4 | 8; per: number; values: number[] }
  | string;
/** A builder table value (what `table()` returns). */
export type FbTableValue = Extract<FbValue, { k: "table" }>;

/** A u8 (or bool) scalar slot. */
export const u8 = (v: number): FbValue => ({ k: "scalar", size: 1, v });
/** An i16 scalar slot. */
export const i16 = (v: number): FbValue => ({ k: "scalar", size: 2, v });
/** An i32 scalar slot. */
export const i32 = (v: number): FbValue => ({ k: "scalar", size: 4, v });
/** An i64 scalar slot (a safe-integer number). */
export const i64 = (v: number): FbValue => ({ k: "scalar", size: 8, v });
/** A table whose slot index is the field id; null slots are omitted. */
export const table = (...slots: (FbValue | null)[]): FbTableValue => ({ k: "table", slots });
/** A vector of tables or strings. */
export const vec = (items: (FbTableValue | string)[]): FbValue => ({ k: "vec", items });
/** A vector of `values.length / per` elements, each `per` scalars of `size` bytes (i32s, or structs of i64s). */
export const nums = (size: 4 | 8, per: number, values: number[]): FbValue => ({ k: "nums", size, per, values });

class Out {
  buf = new Uint8Array(512);
  dv = new DataView(this.buf.buffer);
  pos = 0;

  reserve(n: number): number {
    if (this.pos + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
      next.set(this.buf);
      this.buf = next;
      this.dv = new DataView(next.buffer);
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  align(a: number, skew = 0): void {
    while ((this.pos + skew) % a !== 0) this.reserve(1);
  }

  put(size: number, at: number, v: number): void {
    if (size === 1) this.dv.setUint8(at, v);
    else if (size === 2) this.dv.setInt16(at, v, true);
    else if (size === 4) this.dv.setInt32(at, v, true);
    else {
      this.dv.setUint32(at, v >>> 0, true);
      this.dv.setInt32(at + 4, Math.floor(v / 0x100000000), true);
    }
  }
}

function writeValue(out: Out, v: Exclude<FbValue, { k: "scalar" }>): number {
  if (typeof v === "string") {
    const bytes = utf8Encoder.encode(v);
    out.align(4);
    const at = out.reserve(4 + bytes.length + 1);
    out.put(4, at, bytes.length);
    out.buf.set(bytes, at + 4);
    return at;
  }
  if (v.k === "table") return writeTable(out, v);
  if (v.k === "nums") {
    out.align(v.size, 4);
    const at = out.reserve(4 + v.values.length * v.size);
    out.put(4, at, v.values.length / v.per);
    for (let i = 0; i < v.values.length; i++) out.put(v.size, at + 4 + i * v.size, v.values[i]!);
    return at;
  }
  out.align(4);
  const at = out.reserve(4 + 4 * v.items.length);
  out.put(4, at, v.items.length);
  v.items.forEach((item, i) => {
    const slot = at + 4 + 4 * i;
    out.put(4, slot, writeValue(out, item) - slot);
  });
  return at;
}

function writeTable(out: Out, t: FbTableValue): number {
  const present = t.slots
    .map((v, id) => ({ v, id, size: v === null ? 0 : typeof v !== "string" && v.k === "scalar" ? v.size : 4 }))
    .filter((f): f is { v: FbValue; id: number; size: number } => f.v !== null);
  const layout = [...present].sort((a, b) => b.size - a.size);
  const offsets = new Map<number, number>();
  let size = 4;
  for (const f of layout) {
    size = Math.ceil(size / f.size) * f.size;
    offsets.set(f.id, size);
    size += f.size;
  }
  out.align(2);
  const vtable = out.reserve(4 + 2 * t.slots.length);
  out.put(2, vtable, 4 + 2 * t.slots.length);
  out.put(2, vtable + 2, size);
  for (let id = 0; id < t.slots.length; id++) out.put(2, vtable + 4 + 2 * id, offsets.get(id) ?? 0);
  out.align(8);
  const at = out.reserve(size);
  out.put(4, at, at - vtable);
  for (const f of present) {
    if (typeof f.v !== "string" && f.v.k === "scalar") out.put(f.size, at + offsets.get(f.id)!, f.v.v);
  }
  for (const f of present) {
    if (typeof f.v === "string" || f.v.k !== "scalar") {
      const slot = at + offsets.get(f.id)!;
      out.put(4, slot, writeValue(out, f.v) - slot);
    }
  }
  return at;
}

/** Serializes `root` as a flatbuffer whose length is a multiple of 8. */
export function buildFlatbuffer(root: FbTableValue): Uint8Array {
  const out = new Out();
  out.reserve(4);
  out.put(4, 0, writeTable(out, root));
  out.align(8);
  return out.buf.subarray(0, out.pos);
}
