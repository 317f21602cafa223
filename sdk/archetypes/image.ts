/** Image (raw pixels) and EncodedImage (JPEG, PNG, … bytes). */
import { archetypeClass, type FieldValues, guarded } from "../archetype.ts";
import * as C from "../components/index.ts";
import { CHANNEL_DATATYPES, type ChannelDatatypeName, codeOf, COLOR_MODELS, colorImageFormat, type ColorModelName, guessMediaType, PIXEL_FORMATS, type PixelFormatName } from "../convert/image.ts";
import type { ImageFormatValue } from "../convert/media.ts";
import { bytesOf, type NdArray } from "../convert/ndarray.ts";
import { enumCode } from "../convert/numbers.ts";
import { runtime } from "../runtime.ts";

const IMAGE = {
  buffer: [C.ImageBuffer, "required"],
  format: [C.ImageFormat, "required"],
  opacity: [C.Opacity, "optional"],
  drawOrder: [C.DrawOrder, "optional"],
} as const;

const ENCODED = {
  blob: [C.Blob, "required"],
  mediaType: [C.MediaType, "recommended"],
  opacity: [C.Opacity, "optional"],
  drawOrder: [C.DrawOrder, "optional"],
} as const;

/** The fields of Image. */
export type ImageFields = FieldValues<typeof IMAGE>;
/** The fields of EncodedImage. */
export type EncodedImageFields = FieldValues<typeof ENCODED>;

/** Raw bytes with an explicit layout, instead of an array (Python's `bytes=`, `width=`, `height=`, …). */
export interface ImageOptions {
  bytes?: Uint8Array;
  width?: number;
  height?: number;
  pixelFormat?: PixelFormatName | number;
  datatype?: ChannelDatatypeName | number;
  opacity?: number;
  drawOrder?: number;
}

/** The buffer and format of an image given as an array or as raw bytes. */
function pixels(image: NdArray | null, colorModel: ColorModelName | number | null, o: ImageOptions): ImageFields {
  if (image) return { buffer: bytesOf(image.data), format: colorImageFormat(image, colorModel) };
  if (!o.bytes || o.width === undefined || o.height === undefined) throw new RangeError("Image needs an array, or bytes with width and height");
  const format: ImageFormatValue = { width: o.width, height: o.height };
  if (o.pixelFormat !== undefined) format.pixelFormat = codeOf(PIXEL_FORMATS, o.pixelFormat, "pixel format");
  else {
    format.colorModel = enumCode(COLOR_MODELS, colorModel ?? "L");
    format.channelDatatype = codeOf(CHANNEL_DATATYPES, o.datatype ?? "U8", "channel datatype");
  }
  return { buffer: o.bytes, format };
}

/**
 * A raw image: `new Image({ data: rgbBytes, shape: [h, w, 3] })` (color model from the channel count,
 * or given: `new Image(array, "BGR")`), or `new Image(null, null, { bytes, width, height, pixelFormat: "NV12" })`.
 */
export class Image extends archetypeClass("Image", IMAGE) {
  constructor(image: NdArray | null, colorModel: ColorModelName | number | null = null, opts: ImageOptions = {}) {
    super({ ...guarded("Image", () => pixels(image, colorModel, opts)), opacity: opts.opacity, drawOrder: opts.drawOrder });
  }
}

/** Encoded image bytes: `new EncodedImage({ contents, mediaType: "image/png" })` or `{ path }` (media type from the extension). */
export class EncodedImage extends archetypeClass("EncodedImage", ENCODED) {
  constructor(opts: { path?: string; contents?: Uint8Array; mediaType?: string; opacity?: number; drawOrder?: number }) {
    const blob = guarded("EncodedImage", () => ({ blob: opts.contents ?? (opts.path !== undefined ? runtime("EncodedImage({ path })").readFile(opts.path) : null) }));
    const mediaType = opts.mediaType ?? (opts.path !== undefined ? guessMediaType(opts.path) : null);
    super({ ...blob, mediaType, opacity: opts.opacity, drawOrder: opts.drawOrder });
  }
}
