/** Blobs, image formats and tensors → their Arrow instances (spec §6.3). */
import { F32, F64, I32, I64, NULL, U16, U32, U64, U8, UTF8, arrayFromValues, list, struct } from "../../store/arrow/make.ts";
import { denseUnionArray, listArray, primitiveArray, structArray } from "../../store/arrow/typed.ts";
import type { ArrayData, DataType, Field } from "../../store/arrow/types.ts";
import { F16, I16, I8, type NdArray, type TypedArray, elementType, ndarray } from "./ndarray.ts";

/** Bytes: one blob, or several. */
export type BlobLike = Uint8Array | ArrayBuffer | readonly (Uint8Array | ArrayBuffer)[];

/** `List<UInt8>` instances (Blob, ImageBuffer), one per blob; the bytes are copied once. */
export function blobArray(v: BlobLike): ArrayData {
  const blobs = Array.isArray(v) ? (v as readonly (Uint8Array | ArrayBuffer)[]) : [v as Uint8Array | ArrayBuffer];
  const parts = blobs.map((b) => (b instanceof Uint8Array ? b : new Uint8Array(b)));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  const offsets = new Int32Array(parts.length + 1);
  parts.forEach((p, i) => {
    all.set(p, offsets[i]!);
    offsets[i + 1] = offsets[i]! + p.length;
  });
  return listArray(primitiveArray(U8, all), offsets);
}

/** ImageFormat: size plus either a pixel format or a color model and channel datatype (numeric codes, spec §6.3). */
export interface ImageFormatValue {
  width: number;
  height: number;
  pixelFormat?: number | null;
  colorModel?: number | null;
  channelDatatype?: number | null;
}

/** The Arrow type of ImageFormat. */
export const IMAGE_FORMAT = struct([["width", U32], ["height", U32], ["pixel_format", U8, true], ["color_model", U8, true], ["channel_datatype", U8, true]]);

/** ImageFormat instances. */
export function imageFormatArray(v: ImageFormatValue | readonly ImageFormatValue[]): ArrayData {
  const list = Array.isArray(v) ? (v as readonly ImageFormatValue[]) : [v as ImageFormatValue];
  return arrayFromValues(IMAGE_FORMAT, list.map((f) => ({
    width: f.width,
    height: f.height,
    pixel_format: f.pixelFormat ?? null,
    color_model: f.colorModel ?? null,
    channel_datatype: f.channelDatatype ?? null,
  })));
}

const member = (name: string, type: DataType, nullable = false): Field => ({ name, type, nullable, metadata: new Map() });
const ELEMENTS: [string, DataType][] = [
  ["U8", U8], ["U16", U16], ["U32", U32], ["U64", U64], ["I8", I8], ["I16", I16], ["I32", I32], ["I64", I64], ["F16", F16], ["F32", F32], ["F64", F64],
];

/** The Arrow type of TensorBuffer: a dense union, type ids 0..11. */
export const TENSOR_BUFFER: Extract<DataType, { kind: "union" }> = {
  kind: "union",
  mode: "dense",
  typeIds: Array.from({ length: 12 }, (_, i) => i),
  children: [member("_null_markers", NULL, true), ...ELEMENTS.map(([n, t]) => member(n, list(t)))],
};

/** The Arrow type of TensorData. */
export const TENSOR_DATA = struct([["shape", list(U64)], ["names", list(UTF8), true], ["buffer", TENSOR_BUFFER, true]]);

/** One TensorData instance: shape, optional dimension names and the values (copied once). */
export function tensorArray(v: NdArray | TypedArray, names?: readonly string[] | null): ArrayData {
  const nd = ndarray(v);
  if (names && names.length !== nd.shape.length) throw new RangeError(`${names.length} dimension names for ${nd.shape.length} dimensions`);
  const e = elementType(nd.data);
  const copy = nd.data instanceof Uint8ClampedArray ? new Uint8Array(nd.data) : nd.data.slice();
  const values = primitiveArray(e.arrow, copy);
  const shape = listArray(primitiveArray(U64, BigUint64Array.from(nd.shape, (d) => BigInt(d))), Int32Array.of(0, nd.shape.length));
  return structArray(TENSOR_DATA, [
    shape,
    arrayFromValues(list(UTF8), [names ? [...names] : null]),
    denseUnionArray(TENSOR_BUFFER, e.member, listArray(values, Int32Array.of(0, nd.data.length))),
  ]);
}
