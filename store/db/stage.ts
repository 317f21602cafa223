/**
 * One-row appends to a compacting chunk, staged row by row in one small buffer. Appending a row
 * straight into the chunk's column builders touches a dozen or more separate objects per row; with
 * many entities each append finds them out of cache (measured: ~4 µs per row at 10 k entities, 0.8 µs
 * at 20). Staged rows cost one buffer write and go into the builders together, a batch at a time.
 *
 * Rows that can be staged: one row, every component a List of fixed-width values (int, float, timestamp;
 * FixedSizeList of int or float; a Struct of those; Null), with no nulls at any level.
 * Row layout, 8-aligned: row id (time, inc), the timelines' times, then per component the item count
 * (i32, padded to 8) and, per leaf buffer of the item type (one; a struct's: one per field), the items'
 * bytes in it (padded to 8).
 */
import { type ArrayData, type DataType, NO_CHILDREN, type Values } from "../arrow/types.ts";
import type { Chunk } from "../chunk.ts";
import { valuesCtor } from "../arrow/ctors.ts";
import { u32le } from "../dataview.ts";
import { chunkHeapSize } from "../transport.ts";
import type { ChunkGrower, Rows } from "./compact.ts";

/** Items of one row's component staged at most (bytes): larger rows go straight into the builders. */
export const MAX_ITEMS_BYTES = 1024;

/** Scratch for moving 8-byte values without a BigInt per value. */
const scratch = new ArrayBuffer(8);
const scratchU8 = new Uint8Array(scratch);
const scratchU64 = new BigUint64Array(scratch);
const scratchI64 = new BigInt64Array(scratch);

/** Bytes per item in each leaf buffer of a stageable list's child type (none for Null), or null when the type cannot be staged. */
export function leafWidths(t: DataType): number[] | null {
  if (t.kind === "struct") {
    const out: number[] = [];
    for (const f of t.children) {
      const w = f.type.kind === "struct" || f.type.kind === "null" ? null : leafWidths(f.type);
      if (w === null) return null;
      out.push(...w);
    }
    return out;
  }
  const n = flatBytes(t);
  return n < 0 ? null : n === 0 ? [] : [n];
}

/** Bytes per item of a type with one buffer of fixed-width values (0 for Null), or -1. */
function flatBytes(t: DataType): number {
  switch (t.kind) {
    case "int": case "float": return t.bits / 8;
    case "timestamp": return 8;
    case "null": return 0;
    case "fixed_size_list": {
      const c = t.child.type;
      return c.kind === "int" || c.kind === "float" ? (t.size * c.bits) / 8 : -1;
    }
    default: return -1;
  }
}

/** Bytes per item of a stageable list's child type (0 for Null), or -1 when the type cannot be staged. */
export function itemBytes(t: DataType): number {
  const w = leafWidths(t);
  return w === null ? -1 : w.reduce((a, b) => a + b, 0);
}

/** The bytes a row of `items` items of a type with leaf widths `w` takes in the staged layout after its count. */
function paddedBytes(w: readonly number[], items: number): number {
  let n = 0;
  for (let i = 0; i < w.length; i++) n += pad8(items * w[i]!);
  return n;
}

/** The value buffers of an array of a stageable item type, in leaf order (see `leafWidths`). */
function leaves(a: ArrayData): Values[] {
  if (a.type.kind === "struct") return a.children.flatMap(leaves);
  if (a.type.kind === "fixed_size_list") return [a.children[0]!.values!];
  return a.values === null ? [] : [a.values];
}

/** True if no level of `a` holds a null (Null arrays, which hold nothing else, excepted). */
export function noNulls(a: ArrayData): boolean {
  return a.type.kind === "null" || (a.nullCount === 0 && a.children.every(noNulls));
}

/** The bytes one row of `chunk` adds to a compacting chunk's columns, or -1 when the row cannot be staged. */
export function stagedBytes(chunk: Chunk): number {
  if (chunk.numRows !== 1) return -1;
  let n = 16 + 8 * chunk.timelines.length;
  const comps = chunk.components;
  for (let k = 0; k < comps.length; k++) {
    const a = comps[k]!.data, t = a.type;
    if (t.kind !== "list" || a.nullCount !== 0) return -1;
    const child = a.children[0]!, size = itemBytes(child.type);
    if (size < 0 || !noNulls(child)) return -1;
    const o = a.offsets as Int32Array, items = o[1]! - o[0]!;
    if (items * size > MAX_ITEMS_BYTES) return -1;
    n += 4 + items * size;
  }
  return n;
}

/**
 * `stagedBytes` of a one-row chunk whose buffers hold exactly its row (every list's offsets [0, items], its
 * child and values no longer, offsets 8 bytes), so that the chunk read back from the staged row is the same;
 * else -1.
 */
export function exactStagedBytes(chunk: Chunk): number {
  const n = stagedBytes(chunk);
  if (n < 0) return -1;
  const comps = chunk.components;
  for (let k = 0; k < comps.length; k++) {
    const a = comps[k]!.data, o = a.offsets as Int32Array, child = a.children[0]!;
    if (o.length !== 2 || o[0] !== 0 || child.length !== o[1]) return -1;
  }
  return chunkHeapSize(chunk) === n + 4 * comps.length ? n : -1;
}

/** Staged rows of one compacting chunk. */
export class RowLog {
  rows = 0;
  private bytes: Uint8Array;
  private used = 0;

  /** `capacity`: bytes to start with (the log doubles when full). */
  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Stages the row of `chunk` (which `stagedBytes` accepted). */
  push(chunk: Chunk): void {
    const need = rowLength(chunk);
    if (this.used + need > this.bytes.length) this.grow(need);
    this.used = writeRow(this.bytes, this.used, chunk);
    this.rows++;
  }

  /** Stages a row already in the staged layout: `len` bytes of `src` at `at`. */
  pushRow(src: Uint8Array, at: number, len: number): void {
    if (this.used + len > this.bytes.length) this.grow(len);
    this.bytes.set(src.subarray(at, at + len), this.used);
    this.used += len;
    this.rows++;
  }

  /** Appends the staged rows to `g` (whose component columns have `types`) and returns them; the log is spent. */
  drainInto(g: ChunkGrower, types: readonly DataType[], timelines: number): Rows {
    const rows = readRows(this.bytes, 0, this.rows, types, timelines);
    g.append(rows);
    return rows;
  }

  private grow(need: number): void {
    const next = new Uint8Array(Math.max(2 * this.bytes.length, this.used + need));
    next.set(this.bytes.subarray(0, this.used));
    this.bytes = next;
  }
}

/** Bytes the row of `chunk` (which `stagedBytes` accepted) takes in the staged layout. */
export function rowLength(chunk: Chunk): number {
  const comps = chunk.components;
  let n = 16 + 8 * chunk.timelines.length;
  for (let k = 0; k < comps.length; k++) {
    const a = comps[k]!.data, o = a.offsets as Int32Array;
    n += 8 + paddedBytes(leafWidths(a.children[0]!.type)!, o[1]! - o[0]!);
  }
  return n;
}

/** Writes the row of `chunk` (which `stagedBytes` accepted) into `b` at `p` (8-aligned); returns where it ends. */
export function writeRow(b: Uint8Array, p: number, chunk: Chunk): number {
  const comps = chunk.components;
  scratchU64.set(chunk.rowIdTimeNs);
  p = put8(b, p);
  scratchU64.set(chunk.rowIdInc);
  p = put8(b, p);
  for (let k = 0; k < chunk.timelines.length; k++) {
    scratchI64.set(chunk.timelines[k]!.values);
    p = put8(b, p);
  }
  for (let k = 0; k < comps.length; k++) {
    const a = comps[k]!.data, o = a.offsets as Int32Array, start = o[0]!, items = o[1]! - start;
    putCount(b, p, items);
    p += 8;
    const child = a.children[0]!, w = leafWidths(child.type)!, vs = leaves(child);
    for (let i = 0; i < w.length; i++) {
      const len = items * w[i]!, v = vs[i]!;
      if (len > 0) b.set(new Uint8Array(v.buffer, v.byteOffset + start * w[i]!, len), p);
      p += pad8(len);
    }
  }
  return p;
}

/** The `n` staged rows at `b[at..]` as columns (components of `types`, `timelines` time columns). */
export function readRows(b: Uint8Array, at: number, n: number, types: readonly DataType[], timelines: number): Rows {
  // Pass 1: items per component, to size the columns.
  const widths = types.map((t) => leafWidths(listChild(t))!);
  const totals = new Array<number>(types.length).fill(0);
  let p = at;
  for (let r = 0; r < n; r++) {
    p += 16 + 8 * timelines;
    for (let k = 0; k < types.length; k++) {
      const items = u32le(b, p);
      totals[k]! += items;
      p += 8 + paddedBytes(widths[k]!, items);
    }
  }
  // Pass 2: copy into column buffers, all views of one block.
  let size = 8 * n * (2 + timelines);
  for (let k = 0; k < types.length; k++) size += pad8(4 * (n + 1)) + paddedBytes(widths[k]!, totals[k]!);
  const block = new Block(size);
  const rowTime = block.take(BigUint64Array, n), rowInc = block.take(BigUint64Array, n);
  const times = Array.from({ length: timelines }, () => block.take(BigInt64Array, n));
  const cols = types.map((t, k) => column(t, n, totals[k]!, block));
  const all = block.bytes, tb = times.map((t) => t.byteOffset);
  const vb = cols.map((c) => c.leaves.map((v) => v.byteOffset));
  const fill = new Array<number>(types.length).fill(0);
  p = at;
  for (let r = 0; r < n; r++) {
    copy(b, p, all, rowTime.byteOffset + 8 * r, 8);
    copy(b, p + 8, all, rowInc.byteOffset + 8 * r, 8);
    p += 16;
    for (let t = 0; t < timelines; t++, p += 8) copy(b, p, all, tb[t]! + 8 * r, 8);
    for (let k = 0; k < types.length; k++) {
      const items = u32le(b, p), c = cols[k]!, w = widths[k]!;
      p += 8;
      c.offsets[r + 1] = fill[k]! + items;
      for (let i = 0; i < w.length; i++) {
        const len = items * w[i]!;
        if (len > 0) copy(b, p, all, vb[k]![i]! + fill[k]! * w[i]!, len);
        p += pad8(len);
      }
      fill[k]! += items;
    }
  }
  return {
    numRows: n,
    rowIdTimeNs: rowTime,
    rowIdInc: rowInc,
    timelines: times.map((values) => ({ values })),
    components: cols.map((c) => ({ data: c.data })),
  };
}

/** Writes the item count `n` of a staged component (u32, little-endian) at `b[p]`. */
export function putCount(b: Uint8Array, p: number, n: number): void {
  b[p] = n;
  b[p + 1] = n >>> 8;
  b[p + 2] = n >>> 16;
  b[p + 3] = n >>> 24;
}

/** Copies the 8 scratch bytes into `b` at `p`; returns the next position. */
function put8(b: Uint8Array, p: number): number {
  copy(scratchU8, 0, b, p, 8);
  return p + 8;
}

/** Copies `n` bytes of `src` at `at` to `dst` at `to` (a loop: staged rows' pieces are a few bytes). */
export function copy(src: Uint8Array, at: number, dst: Uint8Array, to: number, n: number): void {
  for (let i = 0; i < n; i++) dst[to + i] = src[at + i]!;
}

function listChild(t: DataType): DataType {
  return (t as Extract<DataType, { kind: "list" }>).child.type;
}

/** Typed arrays carved one after another (each 8-aligned) out of one zeroed ArrayBuffer: one allocation for a block of rows' columns. */
class Block {
  readonly bytes: Uint8Array;
  private at = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(new ArrayBuffer(size));
  }

  /** The next `count` elements of type `ctor`. */
  take<T>(ctor: new (buffer: ArrayBuffer, at: number, count: number) => T & { BYTES_PER_ELEMENT: number }, count: number): T {
    const v = new ctor(this.bytes.buffer as ArrayBuffer, this.at, count);
    this.at += pad8(count * v.BYTES_PER_ELEMENT);
    return v;
  }
}

/** `n` rounded up to a multiple of 8. */
export function pad8(n: number): number {
  return (n + 7) & ~7;
}

/** A list column of `rows` rows and `items` items of its child type, offsets zero-filled after the first, and its child's value buffers in leaf order. */
function column(t: DataType, rows: number, items: number, block: Block): { data: ArrayData; offsets: Int32Array; leaves: Values[] } {
  const offsets = block.take(Int32Array, rows + 1), child = itemsArray(listChild(t), items, block);
  const data: ArrayData = { type: t, length: rows, nullCount: 0, validity: null, offsets, values: null, typeIds: null, children: [child.array] };
  return { data, offsets, leaves: child.leaves };
}

/** An array of `n` items of a stageable item type, and its value buffers in leaf order. */
function itemsArray(t: DataType, n: number, block: Block): { array: ArrayData; leaves: Values[] } {
  const array = (children: ArrayData[], values: Values | null, length = n): ArrayData => ({
    type: t, length, nullCount: t.kind === "null" ? length : 0, validity: null, offsets: null, values, typeIds: null, children,
  });
  if (t.kind === "struct") {
    const kids = t.children.map((f) => itemsArray(f.type, n, block));
    return { array: array(kids.map((k) => k.array), null), leaves: kids.flatMap((k) => k.leaves) };
  }
  if (t.kind === "fixed_size_list") {
    const g = t.child.type, values = block.take(valuesCtor(g), n * t.size) as Values;
    const leaf: ArrayData = { type: g, length: n * t.size, nullCount: 0, validity: null, offsets: null, values, typeIds: null, children: NO_CHILDREN };
    return { array: array([leaf], null), leaves: [values] };
  }
  if (t.kind === "null") return { array: array(NO_CHILDREN, null), leaves: [] };
  const values = block.take(valuesCtor(t), n) as Values;
  return { array: array(NO_CHILDREN, values), leaves: [values] };
}
