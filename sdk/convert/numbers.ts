/**
 * User numbers → typed arrays and primitive Arrow arrays. Typed-array input is copied with one
 * memcpy (the caller may reuse its buffer before the batcher sends it); nothing is boxed per value.
 */
import { BOOL, F32, F64, U16, U8, UTF8, arrayFromValues } from "../../store/arrow/make.ts";
import { primitiveArray } from "../../store/arrow/typed.ts";
import type { ArrayData, DataType } from "../../store/arrow/types.ts";

/** One number or many (a plain array or any typed array). */
export type NumbersLike = number | ArrayLike<number>;

type NumCtor = Float32ArrayConstructor | Float64ArrayConstructor | Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor;

/** `v` as a fresh typed array of `ctor`. */
export function numbers<C extends NumCtor>(ctor: C, v: NumbersLike): InstanceType<C> {
  if (typeof v === "number") return ctor.of(v) as InstanceType<C>;
  if (v instanceof ctor) return v.slice() as InstanceType<C>;
  return ctor.from(v as ArrayLike<number>) as InstanceType<C>;
}

const primitive = (type: DataType, ctor: NumCtor) => (v: NumbersLike): ArrayData => primitiveArray(type, numbers(ctor, v));

/** Float32 instances. */
export const f32Array = primitive(F32, Float32Array);
/** Float64 instances. */
export const f64Array = primitive(F64, Float64Array);
/** UInt16 instances (class and keypoint ids). */
export const u16Array = primitive(U16, Uint16Array);

/** Utf8 instances from one string or many. */
export function textArray(v: string | readonly string[]): ArrayData {
  return arrayFromValues(UTF8, typeof v === "string" ? [v] : v);
}

/** Boolean instances from one flag or many. */
export function boolArray(v: boolean | readonly boolean[]): ArrayData {
  return arrayFromValues(BOOL, typeof v === "boolean" ? [v] : v);
}

/** An enum value: its name (case and underscores ignored) or its 1-based number. */
export type EnumLike = string | number;

/** UInt8 codes of enum `names` (code = index + 1) from one value or many. */
export function enumArray(names: readonly string[], v: EnumLike | readonly EnumLike[]): ArrayData {
  const list = Array.isArray(v) ? (v as readonly EnumLike[]) : [v as EnumLike];
  return primitiveArray(U8, Uint8Array.from(list, (x) => enumCode(names, x)));
}

/** The code of one enum value. */
export function enumCode(names: readonly string[], v: EnumLike): number {
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < 1 || v > names.length) throw new RangeError(`${v} is not one of 1..${names.length}`);
    return v;
  }
  const key = v.replace(/_/g, "").toLowerCase();
  const i = names.findIndex((n) => n.replace(/_/g, "").toLowerCase() === key);
  if (i < 0) throw new RangeError(`"${v}" is not one of ${names.join(", ")}`);
  return i + 1;
}
