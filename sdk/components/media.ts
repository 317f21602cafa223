/** Blob, image and tensor components (spec §6.3). */
import { U8, list } from "../../store/arrow/make.ts";
import { defineComponent } from "../component.ts";
import { type BlobLike, blobArray, IMAGE_FORMAT, type ImageFormatValue, imageFormatArray, TENSOR_DATA, tensorArray } from "../convert/media.ts";
import type { NdArray, TypedArray } from "../convert/ndarray.ts";

/** Opaque bytes (an encoded image, a mesh file). */
export const Blob = defineComponent("Blob", list(U8), (v: BlobLike) => blobArray(v));
/** Raw pixel bytes laid out as ImageFormat says. */
export const ImageBuffer = defineComponent("ImageBuffer", list(U8), (v: BlobLike) => blobArray(v));
/** Image size and pixel layout. */
export const ImageFormat = defineComponent("ImageFormat", IMAGE_FORMAT, (v: ImageFormatValue | readonly ImageFormatValue[]) => imageFormatArray(v));
/** A tensor: a typed array (1-D) or an NdArray, optionally with dimension names. */
export type TensorLike = TypedArray | (NdArray & { names?: readonly string[] | null });

/** An n-dimensional array: shape, dimension names, typed values. */
export const TensorData = defineComponent("TensorData", TENSOR_DATA, (v: TensorLike) => tensorArray(v, ArrayBuffer.isView(v) ? null : v.names));
