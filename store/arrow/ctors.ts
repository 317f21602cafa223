/** Which typed array holds the values of a primitive Arrow type. */
import type { DataType, Values } from "./types.ts";

/** A typed-array constructor: of a length, or viewing a buffer. */
export interface ValuesCtor {
  new (length: number): Values;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): Values;
  readonly BYTES_PER_ELEMENT: number;
}

const INTS: Record<number, [ValuesCtor, ValuesCtor]> = {
  8: [Uint8Array, Int8Array],
  16: [Uint16Array, Int16Array],
  32: [Uint32Array, Int32Array],
  64: [BigUint64Array, BigInt64Array],
};

/** The typed array of an int, float or timestamp (i64) type's values; bytes for any other type. */
export function valuesCtor(t: DataType): ValuesCtor {
  switch (t.kind) {
    case "int":
      return INTS[t.bits]![t.signed ? 1 : 0];
    case "float":
      return t.bits === 16 ? Uint16Array : t.bits === 32 ? Float32Array : Float64Array;
    case "timestamp":
      return BigInt64Array;
    default:
      return Uint8Array;
  }
}
