/** Image formats of Rerun 0.22 (color models, channel datatypes, pixel formats) and the format of an NdArray image. */
import type { ImageFormatValue } from "./media.ts";
import { elementType, type NdArray, ndarray } from "./ndarray.ts";
import { enumCode, type EnumLike } from "./numbers.ts";

/** ColorModel names (codes 1..5). */
export const COLOR_MODELS = ["L", "RGB", "RGBA", "BGR", "BGRA"] as const;

/** ChannelDatatype codes by name. */
export const CHANNEL_DATATYPES = { U8: 6, I8: 7, U16: 8, I16: 9, U32: 10, I32: 11, U64: 12, I64: 13, F16: 33, F32: 34, F64: 35 } as const;

/** PixelFormat codes by name (chroma-subsampled formats given as raw bytes). */
export const PIXEL_FORMATS = {
  Y_U_V12_LimitedRange: 20, NV12: 26, YUY2: 27, Y8_FullRange: 30, Y_U_V24_LimitedRange: 39, Y_U_V24_FullRange: 40,
  Y8_LimitedRange: 41, Y_U_V12_FullRange: 44, Y_U_V16_LimitedRange: 49, Y_U_V16_FullRange: 50,
} as const;

/** A color model name. */
export type ColorModelName = (typeof COLOR_MODELS)[number];
/** A channel datatype name. */
export type ChannelDatatypeName = keyof typeof CHANNEL_DATATYPES;
/** A pixel format name. */
export type PixelFormatName = keyof typeof PIXEL_FORMATS;

const CHANNELS = [1, 3, 4, 3, 4];

/** Height, width and channel count of an image array ([h, w] or [h, w, c]). */
export function imageShape(nd: NdArray): [number, number, number] {
  const [h, w, c = 1, ...rest] = ndarray(nd).shape;
  if (h === undefined || w === undefined || rest.length > 0) throw new RangeError(`an image needs shape [height, width] or [height, width, channels], got [${nd.shape.join(", ")}]`);
  return [h, w, c];
}

/** The format of a color image array; the color model defaults from the channel count (1 L, 3 RGB, 4 RGBA). */
export function colorImageFormat(nd: NdArray, colorModel?: EnumLike | null): ImageFormatValue {
  const [height, width, c] = imageShape(nd);
  const model = colorModel ?? (c === 1 ? 1 : c === 3 ? 2 : c === 4 ? 3 : 0);
  if (model === 0) throw new RangeError(`cannot infer a color model for ${c} channels`);
  const code = enumCode(COLOR_MODELS, model);
  if (CHANNELS[code - 1] !== c) throw new RangeError(`color model ${COLOR_MODELS[code - 1]} needs ${CHANNELS[code - 1]} channels, the image has ${c}`);
  return { width, height, colorModel: code, channelDatatype: elementType(nd.data).code };
}

/** The format of a single-channel image array (depth, segmentation): size and channel datatype only. */
export function scalarImageFormat(nd: NdArray): ImageFormatValue {
  const [height, width, c] = imageShape(nd);
  if (c !== 1) throw new RangeError(`expected one channel, got ${c}`);
  return { width, height, channelDatatype: elementType(nd.data).code };
}

/** A code from a name table, or the number itself. */
export function codeOf(table: Record<string, number>, v: string | number, what: string): number {
  if (typeof v === "number") return v;
  const code = table[v] ?? Object.entries(table).find(([k]) => k.toLowerCase() === v.toLowerCase())?.[1];
  if (code === undefined) throw new RangeError(`unknown ${what} "${v}"`);
  return code;
}

/** The MIME type implied by a file name's extension, if known. */
export function guessMediaType(path: string): string | null {
  const ext = path.toLowerCase().split(".").pop() ?? "";
  const known: Record<string, string> = {
    jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", glb: "model/gltf-binary", gltf: "model/gltf+json",
    obj: "model/obj", stl: "model/stl", mp4: "video/mp4", md: "text/markdown", txt: "text/plain",
  };
  return known[ext] ?? null;
}
