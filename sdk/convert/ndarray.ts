/** n-dimensional arrays (numpy's role): flat row-major typed data plus a shape, and their element types. */
import { F32, F64, I32, I64, U16, U32, U64, U8 } from "../../store/arrow/make.ts";
import type { DataType } from "../../store/arrow/types.ts";

/** Any numeric typed array. */
export type TypedArray =
  | Uint8Array | Uint8ClampedArray | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array
  | BigUint64Array | BigInt64Array | Float32Array | Float64Array;

/** An n-dimensional array: flat row-major `data` and its `shape`, outermost first (e.g. [height, width, 3]). */
export interface NdArray {
  data: TypedArray;
  shape: readonly number[];
}

/** An element type: its Rerun ChannelDatatype name and code, TensorBuffer member and Arrow type. */
export interface ElementType {
  name: "U8" | "I8" | "U16" | "I16" | "U32" | "I32" | "U64" | "I64" | "F32" | "F64";
  /** ChannelDatatype code (spec §6.3). */
  code: number;
  /** TensorBuffer union member index (= type id). */
  member: number;
  arrow: DataType;
}

const E = (name: ElementType["name"], code: number, member: number, arrow: DataType): ElementType => ({ name, code, member, arrow });
/** Int8 (make.ts has the other element types but this one and the next two). */
export const I8: DataType = { kind: "int", bits: 8, signed: true };
/** Int16. */
export const I16: DataType = { kind: "int", bits: 16, signed: true };
/** Float16 (raw half-precision bits). */
export const F16: DataType = { kind: "float", bits: 16 };

/** The element type of a typed array. */
export function elementType(data: TypedArray): ElementType {
  if (data instanceof Uint8Array || data instanceof Uint8ClampedArray) return E("U8", 6, 1, U8);
  if (data instanceof Int8Array) return E("I8", 7, 5, I8);
  if (data instanceof Uint16Array) return E("U16", 8, 2, U16);
  if (data instanceof Int16Array) return E("I16", 9, 6, I16);
  if (data instanceof Uint32Array) return E("U32", 10, 3, U32);
  if (data instanceof Int32Array) return E("I32", 11, 7, I32);
  if (data instanceof BigUint64Array) return E("U64", 12, 4, U64);
  if (data instanceof BigInt64Array) return E("I64", 13, 8, I64);
  if (data instanceof Float32Array) return E("F32", 34, 10, F32);
  return E("F64", 35, 11, F64);
}

/** A typed array or NdArray as an NdArray (a bare array is 1-D). */
export function ndarray(v: NdArray | TypedArray): NdArray {
  if (ArrayBuffer.isView(v)) return { data: v, shape: [v.length] };
  const n = v.shape.reduce((a, b) => a * b, 1);
  if (n !== v.data.length) throw new RangeError(`shape [${v.shape.join(", ")}] needs ${n} elements, data has ${v.data.length}`);
  return v;
}

/** A copy of the bytes behind a typed array. */
export function bytesOf(data: TypedArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
}
