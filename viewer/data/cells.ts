/**
 * Query results as the views use them: per entity, per component, the instances of one row,
 * read straight out of the Arrow buffers (no per-value objects for positions, colors, radii…).
 */
import type { ArrayData } from "../../store/arrow/types.ts";
import { range, valueAt, isValid, type JsValue } from "../../store/arrow/values.ts";
import type { Chunk } from "../../store/chunk.ts";

/** The instances of one component in one row: `items[start, end)` of the list's child array. */
export interface Cell {
  component: string;
  archetype: string | null;
  items: ArrayData;
  start: number;
  end: number;
  /** The time the value was logged at (latest-at answers; null: static or not known). */
  time: bigint | null;
  /** The row id it was logged with (latest-at answers), a cache key for decoded media. */
  rowId: string | null;
}

/** One entity's latest values: component name → cell. */
export interface EntityRow {
  path: string;
  cells: Map<string, Cell>;
}

/** The cells of row `row` of `chunk` (absent components are left out; cleared ones are empty). */
export function rowOf(chunk: Chunk, row = 0): EntityRow {
  const cells = new Map<string, Cell>();
  for (const col of chunk.components) {
    if (!isValid(col.data, row)) continue;
    const [start, end] = range(col.data, row);
    const t = col.field.metadata.get("rerun.query.time");
    const time = t !== undefined ? BigInt(t) : null;
    const rowId = col.field.metadata.get("rerun.query.row_id") ?? null;
    cells.set(col.descriptor.component, { component: col.descriptor.component, archetype: col.descriptor.archetype, items: col.data.children[0]!, start, end, time, rowId });
  }
  return { path: chunk.entityPath, cells };
}

/** Number of instances in a cell (0 when missing). */
export function count(cell: Cell | undefined): number {
  return cell ? cell.end - cell.start : 0;
}

/** The flat float values of a FixedSizeList<n, f32> cell (`n` per instance), zero-copy when possible. */
export function floats(cell: Cell | undefined, n: number): Float32Array {
  if (!cell) return new Float32Array(0);
  const child = cell.items.children[0];
  const v = child?.values;
  if (v instanceof Float32Array) return v.subarray(cell.start * n, cell.end * n);
  const out = new Float32Array((cell.end - cell.start) * n);
  for (let i = 0; i < out.length; i++) out[i] = Number(child ? valueAt(child, cell.start * n + i) : 0);
  return out;
}

/** The values of a primitive cell (u8…u32, f32, f64) as numbers. */
export function numbers(cell: Cell | undefined): ArrayLike<number> {
  if (!cell) return [];
  const v = cell.items.values;
  if (v && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array) && cell.items.type.kind !== "bool" && !(cell.items.type.kind === "float" && cell.items.type.bits === 16)) {
    return v.subarray(cell.start, cell.end);
  }
  return values(cell).map(Number);
}

/** The first number of a cell, or `fallback`. */
export function firstNumber(cell: Cell | undefined, fallback: number): number {
  const n = numbers(cell);
  return n.length > 0 ? n[0]! : fallback;
}

/** The values of a utf8 cell. */
export function strings(cell: Cell | undefined): string[] {
  return cell ? (values(cell) as (string | null)[]).map((s) => s ?? "") : [];
}

/** The instances of any cell as JS values (allocates; for structs, lists and the UI). */
export function values(cell: Cell | undefined): JsValue[] {
  if (!cell) return [];
  const out: JsValue[] = [];
  for (let i = cell.start; i < cell.end; i++) out.push(valueAt(cell.items, i));
  return out;
}
