/**
 * Zero-copy `ArrayData` over typed arrays, for bulk data (point clouds, images): no per-value JS
 * objects. `arrayFromValues` in make.ts covers small and nested values.
 */
import { arrayFromValues, fsl, item } from "./make.ts";
import { type ArrayData, type DataType, NO_CHILDREN, type Values } from "./types.ts";

/** A primitive array of `type` viewing `values` (one element per slot). */
export function primitiveArray(type: DataType, values: Values): ArrayData {
  return { type, length: values.length, nullCount: 0, validity: null, offsets: null, values, typeIds: null, children: NO_CHILDREN };
}

/** `FixedSizeList<size, T>` over a flat child of `size × n` values. */
export function fslArray(size: number, child: ArrayData): ArrayData {
  if (child.length % size !== 0) throw new RangeError(`${child.length} values do not split into groups of ${size}`);
  return { type: fsl(size, child.type), length: child.length / size, nullCount: 0, validity: null, offsets: null, values: null, typeIds: null, children: [child] };
}

/** `List<T>` (non-nullable `item`) whose slot i spans `offsets[i]..offsets[i+1]` of `child`. */
export function listArray(child: ArrayData, offsets: Int32Array): ArrayData {
  const type: DataType = { kind: "list", child: item(child.type, false) };
  return { type, length: offsets.length - 1, nullCount: 0, validity: null, offsets, values: null, typeIds: null, children: [child] };
}

/** A struct array of `type` from its child arrays (no nulls). */
export function structArray(type: DataType, children: ArrayData[]): ArrayData {
  return { type, length: children[0]?.length ?? 0, nullCount: 0, validity: null, offsets: null, values: null, typeIds: null, children };
}

/** A dense union of `type` whose every slot is member `member`, slot i = that member's element i. */
export function denseUnionArray(type: Extract<DataType, { kind: "union" }>, member: number, child: ArrayData): ArrayData {
  const n = child.length;
  return {
    type,
    length: n,
    nullCount: 0,
    validity: null,
    offsets: Int32Array.from({ length: n }, (_, i) => i),
    values: null,
    typeIds: new Int8Array(n).fill(type.typeIds[member]!),
    children: type.children.map((f, k) => (k === member ? child : arrayFromValues(f.type, []))),
  };
}
