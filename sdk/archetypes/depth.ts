/** DepthImage and SegmentationImage: single-channel images of depth values or class ids. */
import { archetypeClass, type FieldValues, guarded } from "../archetype.ts";
import * as C from "../components/index.ts";
import { scalarImageFormat } from "../convert/image.ts";
import { bytesOf, type NdArray } from "../convert/ndarray.ts";

const DEPTH = {
  buffer: [C.ImageBuffer, "required"],
  format: [C.ImageFormat, "required"],
  meter: [C.DepthMeter, "optional"],
  colormap: [C.Colormap, "optional"],
  depthRange: [C.ValueRange, "optional"],
  pointFillRatio: [C.FillRatio, "optional"],
  drawOrder: [C.DrawOrder, "optional"],
} as const;

const SEGMENTATION = {
  buffer: [C.ImageBuffer, "required"],
  format: [C.ImageFormat, "required"],
  opacity: [C.Opacity, "optional"],
  drawOrder: [C.DrawOrder, "optional"],
} as const;

/** The fields of DepthImage. */
export type DepthImageFields = FieldValues<typeof DEPTH>;
/** The fields of SegmentationImage. */
export type SegmentationImageFields = FieldValues<typeof SEGMENTATION>;

/** A depth image: `new DepthImage({ data: Uint16Array, shape: [h, w] }, { meter: 1000 })`. */
export class DepthImage extends archetypeClass("DepthImage", DEPTH) {
  constructor(image: NdArray, opts: Omit<DepthImageFields, "buffer" | "format"> = {}) {
    super({ ...opts, ...guarded("DepthImage", () => ({ buffer: bytesOf(image.data), format: scalarImageFormat(image) })) });
  }
}

/** A segmentation image of class ids: `new SegmentationImage({ data: Uint8Array, shape: [h, w] })`. */
export class SegmentationImage extends archetypeClass("SegmentationImage", SEGMENTATION) {
  constructor(image: NdArray, opts: Omit<SegmentationImageFields, "buffer" | "format"> = {}) {
    super({ ...opts, ...guarded("SegmentationImage", () => ({ buffer: bytesOf(image.data), format: scalarImageFormat(image) })) });
  }
}
