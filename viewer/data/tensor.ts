/** TensorData (shape, optional dim names, dense-union buffer) read straight from the Arrow arrays. */
import type { ArrayData } from "../../store/arrow/types.ts";
import { isValid, range, valueAt } from "../../store/arrow/values.ts";
import type { Cell } from "./cells.ts";

/** A tensor: row-major `data` with `shape` (outermost first). */
export interface Tensor {
  shape: number[];
  names: (string | null)[] | null;
  data: ArrayLike<number>;
}

/** The first tensor of a TensorData cell, or null if there is none. */
export function tensorOf(cell: Cell | undefined): Tensor | null {
  if (!cell || cell.end <= cell.start) return null;
  const s = cell.items, i = cell.start;
  if (s.type.kind !== "struct") return null;
  const field = (name: string) => s.children[s.type.kind === "struct" ? s.type.children.findIndex((f) => f.name === name) : -1];
  const shapeArr = field("shape"), namesArr = field("names"), buffer = field("buffer");
  if (!shapeArr || !buffer || !isValid(buffer, i)) return null;
  const shape = (valueAt(shapeArr, i) as (bigint | number | { size: bigint })[]).map((d) => Number(typeof d === "object" ? d.size : d));
  const names = namesArr && isValid(namesArr, i) ? (valueAt(namesArr, i) as (string | null)[]) : null;
  return { shape, names, data: unionList(buffer, i) };
}

/** The numbers of the list selected by union slot `i`. */
function unionList(u: ArrayData, i: number): ArrayLike<number> {
  if (u.type.kind !== "union") return [];
  const k = u.type.typeIds.indexOf(u.typeIds![i]!);
  const list = u.children[k]!;
  const j = u.type.mode === "dense" ? (u.offsets as Int32Array)[i]! : i;
  if (list.type.kind !== "list" || !isValid(list, j)) return [];
  const [a, b] = range(list, j);
  const vals = list.children[0]!;
  if (vals.type.kind === "float" && vals.type.bits === 16) return Array.from({ length: b - a }, (_, x) => valueAt(vals, a + x) as number);
  const v = vals.values!;
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) return Array.from(v.subarray(a, b), Number);
  return v.subarray(a, b);
}
