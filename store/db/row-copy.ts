/**
 * The row of a one-row chunk copied straight from its Arrow IPC body into the staged layout (stage.ts),
 * without making its arrays. A remembered batch layout (arrow/replay.ts) fixes where every value lies in
 * the body, so the copy is planned once per layout: a few byte ranges, and one check per component that
 * the list offsets are [0, items] (the buffers hold exactly the row, as the queue needs).
 */
import type { Layout, Recipe, View } from "../arrow/replay.ts";
import { u32le } from "../dataview.ts";
import type { ChunkRow, Plan } from "../transport.ts";
import { copy, itemBytes, leafWidths, MAX_ITEMS_BYTES, pad8, putCount } from "./stage.ts";

/** How to copy the row of any batch of one layout. */
export interface RowCopy {
  /** Bytes the row takes in the staged layout, adds to a compacting chunk (`stagedBytes`), and its chunk holds (`chunkHeapSize`). */
  length: number;
  staged: number;
  heap: number;
  /** Body offsets of the row id's two halves, then of each time (8 bytes each). */
  words: Int32Array;
  /**
   * Per component: body offset of its list offsets, item count, number of leaf buffers, then per leaf
   * buffer the body offset and byte length of the items' values in it.
   */
  comps: Int32Array;
}

const copies = new WeakMap<Layout, RowCopy | null>();

/** The copy plan for rows of `row`'s layout, or null when its rows cannot be staged. */
export function rowCopy(row: ChunkRow): RowCopy | null {
  let c = copies.get(row.layout);
  if (c === undefined) copies.set(row.layout, (c = plan(row.layout, row.shape)));
  return c;
}

/** True when the body's list offsets are [0, items] for every component (they may differ between batches of one layout). */
export function exact(c: RowCopy, body: Uint8Array): boolean {
  const k = c.comps;
  for (let j = 0; j < k.length; j += 3 + 2 * k[j + 2]!) if (u32le(body, k[j]!) !== 0 || u32le(body, k[j]! + 4) !== k[j + 1]) return false;
  return true;
}

/** Writes the row of `body` (a batch of the layout of `c`, `exact`) into `b` at `p`; returns where it ends. */
export function copyRow(c: RowCopy, body: Uint8Array, b: Uint8Array, p: number): number {
  const w = c.words, k = c.comps;
  for (let j = 0; j < w.length; j++, p += 8) copy(body, w[j]!, b, p, 8);
  for (let j = 0; j < k.length; ) {
    const items = k[j + 1]!, leaves = k[j + 2]!;
    putCount(b, p, items);
    p += 8;
    j += 3;
    for (let i = 0; i < leaves; i++, j += 2) {
      const len = k[j + 1]!;
      copy(body, k[j]!, b, p, len);
      p += pad8(len);
    }
  }
  return p;
}

/** Plans the copy of `l`'s rows, or null when a row of it cannot be staged exactly (see `stagedBytes`). */
function plan(l: Layout, p: Plan): RowCopy | null {
  if (p.times.length === 0) return null;
  const id = l.columns[p.rowId]!;
  const words = [value(id.children[0]), value(id.children[1])];
  for (const t of p.times) words.push(value(l.columns[t.i]));
  if (words.some((w) => w < 0)) return null;
  let staged = 16 + 8 * p.times.length, length = staged;
  const comps: number[] = [];
  for (const c of p.comps) {
    const r = l.columns[c.i]!;
    if (r.type.kind !== "list" || r.nullCount !== 0 || r.validity !== null || r.offsets === null || r.offsets.count !== 2) return null;
    const child = r.children[0]!, w = leafWidths(child.type), items = child.length;
    const leaves = child.type.kind === "null" ? [] : leafRecipes(child);
    if (w === null || leaves === null || leaves.length !== w.length || items * itemBytes(child.type) > MAX_ITEMS_BYTES) return null;
    comps.push(r.offsets.at, items, w.length);
    staged += 4;
    length += 8;
    for (let i = 0; i < w.length; i++) {
      const len = items * w[i]!, v = leaves[i]!.values;
      if (v === null || byteLength(v) !== len) return null;
      comps.push(v.at, len);
      staged += len;
      length += pad8(len);
    }
  }
  return { length, staged, heap: staged + 4 * p.comps.length, words: Int32Array.from(words), comps: Int32Array.from(comps) };
}

/** The recipes of an item array's value buffers in leaf order (see stage.ts `leafWidths`), or null when a level may hold nulls. */
function leafRecipes(r: Recipe): Recipe[] | null {
  if (r.nullCount !== 0 || r.validity !== null) return null;
  if (r.type.kind === "struct") {
    const out: Recipe[] = [];
    for (const c of r.children) {
      const l = leafRecipes(c);
      if (l === null) return null;
      out.push(...l);
    }
    return out;
  }
  if (r.type.kind === "fixed_size_list") return leafRecipes(r.children[0]!);
  return [r];
}

/** The body offset of a one-value 8-byte column's value, or -1. */
function value(r: Recipe | undefined): number {
  const v = r?.values;
  return r && r.nullCount === 0 && r.validity === null && v && v.count === 1 && r.children.length === 0 ? v.at : -1;
}

/** Bytes of a view. */
function byteLength(v: View): number {
  return v.count * (v.ctor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
}
