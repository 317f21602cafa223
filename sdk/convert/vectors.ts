/** Vectors, matrices and rotations → FixedSizeList / struct arrays, straight from typed arrays. */
import { F32, fsl, struct } from "../../store/arrow/make.ts";
import { fslArray, listArray, primitiveArray, structArray } from "../../store/arrow/typed.ts";
import type { ArrayData } from "../../store/arrow/types.ts";
import { numbers } from "./numbers.ts";

/** n-vectors: flat numbers (x0, y0, z0, x1, …; e.g. a Float32Array of length 3n) or one array per vector. */
export type VecLike = ArrayLike<number> | readonly ArrayLike<number>[];

/** The flat Float32 values of `v`, checked to hold whole `n`-vectors. */
export function flatF32(n: number, v: VecLike): Float32Array {
  const nested = !ArrayBuffer.isView(v) && v.length > 0 && typeof (v as ArrayLike<unknown>)[0] === "object";
  let out: Float32Array;
  if (nested) {
    const rows = v as readonly ArrayLike<number>[];
    out = new Float32Array(rows.length * n);
    rows.forEach((r, i) => {
      if (r.length !== n) throw new RangeError(`expected ${n} numbers per vector, got ${r.length}`);
      for (let j = 0; j < n; j++) out[i * n + j] = r[j]!;
    });
  } else out = numbers(Float32Array, v as ArrayLike<number>);
  if (out.length % n !== 0) throw new RangeError(`${out.length} numbers do not make whole ${n}-vectors`);
  return out;
}

/** `FixedSizeList<n, Float32>` instances. */
export function vecArray(n: number, v: VecLike): ArrayData {
  return fslArray(n, primitiveArray(F32, flatF32(n, v)));
}

/** Strips of n-vectors → `List<FixedSizeList<n, Float32>>`, one list per strip. */
export function stripsArray(n: number, strips: readonly VecLike[]): ArrayData {
  const flat = strips.map((s) => flatF32(n, s));
  const all = new Float32Array(flat.reduce((k, f) => k + f.length, 0));
  const offsets = new Int32Array(flat.length + 1);
  flat.forEach((f, i) => {
    all.set(f, offsets[i]! * n);
    offsets[i + 1] = offsets[i]! + f.length / n;
  });
  return listArray(vecArray(n, all), offsets);
}

/** 3×3 matrices: rows ([[a, b, c], [d, e, f], [g, h, i]], as numpy users write them) or 9 column-major numbers. */
export type Mat3Like = ArrayLike<number> | readonly ArrayLike<number>[];

/** `FixedSizeList<9, Float32>` instances, column-major, from one matrix or many. */
export function mat3Array(v: Mat3Like | readonly Mat3Like[]): ArrayData {
  const items = v as ArrayLike<unknown>;
  const first = items[0];
  const isRows = (m: ArrayLike<unknown>) => {
    const r0 = m[0] as ArrayLike<unknown> | number;
    return m.length === 3 && typeof r0 === "object" && r0.length === 3 && typeof r0[0] === "number";
  };
  let mats: Mat3Like[];
  if (ArrayBuffer.isView(v) || typeof first !== "object") mats = [v as ArrayLike<number>];
  else if (isRows(items)) mats = [v as Mat3Like];
  else mats = Array.from(v as readonly Mat3Like[]);
  const out = new Float32Array(mats.length * 9);
  mats.forEach((m, k) => {
    if (isRows(m as ArrayLike<unknown>)) {
      const rows = m as readonly ArrayLike<number>[];
      for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[k * 9 + c * 3 + r] = rows[r]![c]!;
    } else {
      const flat = m as ArrayLike<number>;
      if (flat.length !== 9) throw new RangeError(`a 3×3 matrix needs 9 numbers, got ${flat.length}`);
      for (let i = 0; i < 9; i++) out[k * 9 + i] = flat[i]!;
    }
  });
  return fslArray(9, primitiveArray(F32, out));
}

/** A rotation about `axis` by `angle` radians (or `degrees`). */
export interface AxisAngle {
  axis: ArrayLike<number>;
  angle?: number;
  radians?: number;
  degrees?: number;
}

/** The Arrow type of RotationAxisAngle: `Struct{axis: FixedSizeList<3, Float32>, angle: Float32}`. */
export const AXIS_ANGLE = struct([["axis", fsl(3, F32)], ["angle", F32]]);

/** RotationAxisAngle instances from one rotation or many. */
export function axisAngleArray(v: AxisAngle | readonly AxisAngle[]): ArrayData {
  const list = Array.isArray(v) ? (v as readonly AxisAngle[]) : [v as AxisAngle];
  const angles = Float32Array.from(list, (r) => r.degrees !== undefined ? (r.degrees * Math.PI) / 180 : r.radians ?? r.angle ?? 0);
  return structArray(AXIS_ANGLE, [vecArray(3, list.map((r) => r.axis)), primitiveArray(F32, angles)]);
}
