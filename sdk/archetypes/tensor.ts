/** Tensor (n-dimensional arrays) and BarChart (a 1-D tensor drawn as bars). */
import { archetypeClass, type FieldValues } from "../archetype.ts";
import * as C from "../components/index.ts";
import type { ColorLike } from "../convert/colors.ts";
import type { NdArray, TypedArray } from "../convert/ndarray.ts";

const TENSOR = {
  data: [C.TensorData, "required"],
  valueRange: [C.ValueRange, "optional"],
} as const;

const BAR_CHART = {
  values: [C.TensorData, "required"],
  color: [C.Color, "optional"],
} as const;

/** The fields of Tensor. */
export type TensorFields = FieldValues<typeof TENSOR>;
/** The fields of BarChart. */
export type BarChartFields = FieldValues<typeof BAR_CHART>;

/** A tensor: `new Tensor({ data: Float32Array, shape: [8, 6, 3] }, { dimNames: ["h", "w", "c"] })`. */
export class Tensor extends archetypeClass("Tensor", TENSOR) {
  constructor(data: NdArray | TypedArray, opts: { dimNames?: readonly string[]; valueRange?: ArrayLike<number> } = {}) {
    const nd = ArrayBuffer.isView(data) ? { data, shape: [data.length] } : data;
    super({ data: { ...nd, names: opts.dimNames ?? null }, valueRange: opts.valueRange });
  }
}

/** A bar chart of `values` (a typed array keeps its element type; plain numbers become Float64). */
export class BarChart extends archetypeClass("BarChart", BAR_CHART) {
  constructor(values: TypedArray | readonly number[], opts: { color?: ColorLike } = {}) {
    super({ values: ArrayBuffer.isView(values) ? values : Float64Array.from(values), color: opts.color });
  }
}
