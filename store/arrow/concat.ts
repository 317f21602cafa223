/**
 * Concatenation of Arrow arrays of one type: a growable `ArrayBuilder` (amortised doubling, so n
 * one-row appends cost O(n) copies in total) and the one-shot `concatArrays` built on it.
 */
import { valuesCtor } from "./ctors.ts";
import type { ArrayData, DataType, Field } from "./types.ts";

type Typed = Int8Array | Uint8Array | Int32Array | BigInt64Array | Exclude<ArrayData["values"], null>;
type Ctor = new (n: number) => Typed;

/** A typed array that grows by doubling; `used` elements are meaningful. */
class Grow {
  buf: Typed;
  used = 0;
  /** Bytes per element. */
  readonly size: number;
  /** Elements are BigInts (i64/u64). */
  private readonly big: boolean;
  constructor(private readonly ctor: Ctor) {
    this.buf = new ctor(0);
    this.size = this.buf.BYTES_PER_ELEMENT;
    this.big = (ctor as unknown) === BigInt64Array || (ctor as unknown) === BigUint64Array;
  }
  reserve(n: number): void {
    if (this.used + n <= this.buf.length) return;
    // ×4 while small: a compacting chunk of one-row appends reallocates 5 times up to 4096 rows instead of 9.
    const grown = this.buf.length < 4096 ? this.buf.length * 4 : this.buf.length * 2;
    const next = new this.ctor(Math.max(this.used + n, grown, 8));
    // Elements past `used` are never read, so the whole old buffer is copied (no subarray view needed).
    (next as Uint8Array).set(this.buf as Uint8Array);
    this.buf = next;
  }
  pushRange(src: Typed, start: number, end: number): void {
    const n = end - start;
    this.reserve(n);
    // A whole source array is copied by `set` without a subarray view (per element, BigInt reads allocate).
    if (start === 0 && end === src.length) (this.buf as Uint8Array).set(src as Uint8Array, this.used);
    else if (n > 16) (this.buf as Uint8Array).set(src.subarray(start, end) as Uint8Array, this.used);
    else if (this.big) copy64(this.buf as BigInt64Array, this.used, src as BigInt64Array, start, n);
    else copyElements(this.buf as Float64Array, this.used, src as Float64Array, start, n);
    this.used += n;
  }
  push(v: number | bigint): void {
    this.reserve(1);
    (this.buf as Int32Array)[this.used++] = v as number;
  }
  view(): Typed {
    return this.buf.subarray(0, this.used);
  }
  exact(): Typed {
    return this.buf.slice(0, this.used);
  }
}

/** Copies `n` elements of an i64/u64 `src` from `start` into `dst` at `at` (its own loop: BigInt element access stays monomorphic). */
function copy64(dst: BigInt64Array, at: number, src: BigInt64Array, start: number, n: number): void {
  for (let i = 0; i < n; i++) dst[at + i] = src[start + i]!;
}

/** Copies `n` elements of `src` from `start` into `dst` at `at` (typed arrays of one element type). */
function copyElements(dst: Float64Array, at: number, src: Float64Array, start: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = src[start + i]!;
    // A NaN read into JS loses its payload and sign; `set` between arrays of one type copies the bits.
    if (v !== v) return dst.set(src.subarray(start, start + n), at);
    dst[at + i] = v;
  }
}

/** A growable bitmap (validity or bool values), LSB first. */
class Bits {
  bytes = new Grow(Uint8Array);
  length = 0;
  /** Appends bits [start, end) of `src` (null = all ones). */
  append(src: Uint8Array | null, start: number, end: number): void {
    const n = end - start;
    this.bytes.reserve(((this.length + n + 7) >> 3) - this.bytes.used);
    const dst = this.bytes.buf as Uint8Array;
    for (let k = 0; k < n; k++) {
      const bit = src === null ? 1 : (src[(start + k) >> 3]! >> ((start + k) & 7)) & 1;
      const at = this.length + k;
      if ((at & 7) === 0) dst[at >> 3] = 0;
      dst[at >> 3]! |= bit << (at & 7);
    }
    this.length += n;
    this.bytes.used = (this.length + 7) >> 3;
  }
}

const isLarge = (t: DataType): boolean => t.kind === "large_list" || t.kind === "large_utf8" || t.kind === "large_binary";

/** Appends rows of arrays of one type into growable buffers; `view()` is zero-copy, `seal()` exact-size. */
export class ArrayBuilder {
  length = 0;
  nullCount = 0;
  private validity: Bits | null = null;
  private readonly bits: Bits | null = null;
  private readonly values: Grow | null = null;
  private readonly offsets: Grow | null = null;
  private readonly typeIds: Grow | null = null;
  private readonly children: ArrayBuilder[] = [];

  constructor(readonly type: DataType) {
    const t = type;
    switch (t.kind) {
      case "bool":
        this.bits = new Bits();
        break;
      case "int": case "float": case "timestamp": case "fixed_size_binary":
        this.values = new Grow(valuesCtor(t));
        break;
      case "utf8": case "binary": case "large_utf8": case "large_binary":
        this.values = new Grow(Uint8Array);
        this.offsets = this.firstOffset(t);
        break;
      case "list": case "large_list":
        this.offsets = this.firstOffset(t);
        this.children = [new ArrayBuilder(t.child.type)];
        break;
      case "fixed_size_list":
        this.children = [new ArrayBuilder(t.child.type)];
        break;
      case "struct":
        this.children = t.children.map((f) => new ArrayBuilder(f.type));
        break;
      case "union":
        this.typeIds = new Grow(Int8Array);
        if (t.mode === "dense") this.offsets = new Grow(Int32Array);
        this.children = t.children.map((f) => new ArrayBuilder(f.type));
        break;
      case "null":
        break;
    }
  }

  private firstOffset(t: DataType): Grow {
    const g = new Grow(isLarge(t) ? BigInt64Array : Int32Array);
    g.push(isLarge(t) ? 0n : 0);
    return g;
  }

  /** Appends slots [start, end) of `a`, which must have this builder's type. */
  append(a: ArrayData, start = 0, end = a.length): void {
    const n = end - start;
    if (n <= 0) return;
    const t = a.type;
    if (t.kind === "null") {
      this.nullCount += n;
    } else if (t.kind !== "union") {
      this.appendValidity(a, start, end);
    }
    switch (t.kind) {
      case "bool":
        this.bits!.append(a.values as Uint8Array, start, end);
        break;
      case "int": case "float": case "timestamp":
        this.values!.pushRange(a.values!, start, end);
        break;
      case "fixed_size_binary":
        this.values!.pushRange(a.values!, start * t.size, end * t.size);
        break;
      case "utf8": case "binary": case "large_utf8": case "large_binary": {
        const [s, e] = this.appendOffsets(a.offsets!, start, end, this.values!.used);
        this.values!.pushRange(a.values!, s, e);
        break;
      }
      case "list": case "large_list": {
        const [s, e] = this.appendOffsets(a.offsets!, start, end, this.children[0]!.length);
        this.children[0]!.append(a.children[0]!, s, e);
        break;
      }
      case "fixed_size_list":
        this.children[0]!.append(a.children[0]!, start * t.size, end * t.size);
        break;
      case "struct":
        this.children.forEach((c, k) => c.append(a.children[k]!, start, end));
        break;
      case "union":
        this.appendUnion(a, t, start, end);
        break;
    }
    this.length += n;
  }

  private appendValidity(a: ArrayData, start: number, end: number): void {
    const src = a.nullCount > 0 ? a.validity : null;
    if (src !== null) {
      for (let i = start; i < end; i++) if (((src[i >> 3]! >> (i & 7)) & 1) === 0) this.nullCount++;
      if (this.validity === null) {
        this.validity = new Bits();
        this.validity.append(null, 0, this.length);
      }
    }
    this.validity?.append(src, start, end);
  }

  /** Appends rebased offsets of slots [start, end); returns the source child range. */
  private appendOffsets(o: Int32Array | BigInt64Array, start: number, end: number, base: number): [number, number] {
    const g = this.offsets!;
    g.reserve(end - start);
    const s = Number(o[start]!), e = Number(o[end]!);
    if (o instanceof BigInt64Array) {
      const shift = BigInt(base - s);
      for (let i = start + 1; i <= end; i++) g.push(o[i]! + shift);
    } else {
      const buf = g.buf as Int32Array, shift = base - s;
      for (let i = start + 1; i <= end; i++) buf[g.used++] = o[i]! + shift;
    }
    return [s, e];
  }

  private appendUnion(a: ArrayData, t: Extract<DataType, { kind: "union" }>, start: number, end: number): void {
    const ids = a.typeIds!;
    this.typeIds!.pushRange(ids, start, end);
    if (t.mode === "sparse") {
      this.children.forEach((c, k) => c.append(a.children[k]!, start, end));
      return;
    }
    // Dense: copy the referenced span of each child, then rebase the offsets into it.
    const slot = (id: number): number => t.typeIds.indexOf(id);
    const lo = t.children.map(() => Infinity), hi = t.children.map(() => -1);
    const o = a.offsets as Int32Array;
    for (let i = start; i < end; i++) {
      const k = slot(ids[i]!);
      lo[k] = Math.min(lo[k]!, o[i]!);
      hi[k] = Math.max(hi[k]!, o[i]!);
    }
    const shift = this.children.map((c, k) => c.length - lo[k]!);
    this.children.forEach((c, k) => c.append(a.children[k]!, lo[k]!, hi[k]! + 1));
    for (let i = start; i < end; i++) this.offsets!.push(o[i]! + shift[slot(ids[i]!)]!);
  }

  /** The array built so far, as views over the growable buffers (they stay valid: appends write past them). */
  view(): ArrayData {
    return this.build((g) => g.view(), (c) => c.view());
  }

  /** The array built so far, copied into exact-size buffers. */
  seal(): ArrayData {
    return this.build((g) => g.exact(), (c) => c.seal());
  }

  private build(take: (g: Grow) => Typed, child: (c: ArrayBuilder) => ArrayData): ArrayData {
    const nulls = this.validity !== null && this.nullCount > 0;
    return {
      type: this.type,
      length: this.length,
      nullCount: this.type.kind === "union" ? 0 : this.nullCount,
      validity: nulls ? (take(this.validity!.bytes) as Uint8Array) : null,
      offsets: this.offsets ? (take(this.offsets) as Int32Array | BigInt64Array) : null,
      values: this.bits ? (take(this.bits.bytes) as Uint8Array) : this.values ? take(this.values) : null,
      typeIds: this.typeIds ? (take(this.typeIds) as Int8Array) : null,
      children: this.children.map(child),
    };
  }

  /** Appends values [start, end) of a primitive array without nulls (a row-id half, a time column). */
  appendValues(values: Typed, start = 0, end = values.length): void {
    const n = end - start;
    if (n <= 0) return;
    this.validity?.append(null, 0, n);
    this.values!.pushRange(values, start, end);
    this.length += n;
  }

  /** Bytes the built array holds (as `arrayBytes` of `seal()` would count them). */
  bytes(): number {
    let n = 0;
    if (this.validity !== null && this.nullCount > 0) n += this.validity.bytes.used;
    if (this.offsets) n += this.offsets.used * this.offsets.size;
    if (this.values) n += this.values.used * this.values.size;
    if (this.typeIds) n += this.typeIds.used;
    if (this.bits) n += this.bits.bytes.used;
    for (let i = 0; i < this.children.length; i++) n += this.children[i]!.bytes();
    return n;
  }
}

/** Concatenates arrays of one type into a new exact-size array (`type` is needed when `arrays` is empty). */
export function concatArrays(arrays: readonly ArrayData[], type: DataType = arrays[0]!.type): ArrayData {
  const b = new ArrayBuilder(type);
  for (const a of arrays) b.append(a);
  return b.seal();
}

/** True if two types have the same layout (kinds, parameters, child names, nullability and union ids). */
export function sameType(a: DataType, b: DataType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  const fields = (x: Field[], y: Field[]): boolean =>
    x.length === y.length && x.every((f, i) => f.name === y[i]!.name && f.nullable === y[i]!.nullable && sameType(f.type, y[i]!.type));
  switch (a.kind) {
    case "int": return a.bits === (b as typeof a).bits && a.signed === (b as typeof a).signed;
    case "float": return a.bits === (b as typeof a).bits;
    case "fixed_size_binary": return a.size === (b as typeof a).size;
    case "timestamp": return a.unit === (b as typeof a).unit && a.tz === (b as typeof a).tz;
    case "list": case "large_list": return fields([a.child], [(b as typeof a).child]);
    case "fixed_size_list": return a.size === (b as typeof a).size && fields([a.child], [(b as typeof a).child]);
    case "struct": return fields(a.children, (b as typeof a).children);
    case "union": {
      const u = b as typeof a;
      return a.mode === u.mode && a.typeIds.join() === u.typeIds.join() && fields(a.children, u.children);
    }
    default: return true;
  }
}
