/** Appearance, label and plotting components (spec §6.2). */
import { BOOL, F32, F64, U16, U32, U8, UTF8, fsl } from "../../store/arrow/make.ts";
import { fslArray, primitiveArray } from "../../store/arrow/typed.ts";
import { defineComponent } from "../component.ts";
import { type ColorLike, colorArray } from "../convert/colors.ts";
import { boolArray, type EnumLike, enumArray, f32Array, f64Array, numbers, type NumbersLike, textArray, u16Array } from "../convert/numbers.ts";

const f32 = (short: string) => defineComponent(short, F32, (v: NumbersLike) => f32Array(v));
const text = (short: string) => defineComponent(short, UTF8, (v: string | readonly string[]) => textArray(v));
const enumeration = (short: string, names: string[]) => defineComponent(short, U8, (v: EnumLike | readonly EnumLike[]) => enumArray(names, v));

/** An sRGB color with linear alpha, 0xRRGGBBAA. */
export const Color = defineComponent("Color", U32, (v: ColorLike, count?: number) => colorArray(v, count));
/** A mesh's base color multiplier, 0xRRGGBBAA. */
export const AlbedoFactor = defineComponent("AlbedoFactor", U32, (v: ColorLike) => colorArray(v, 1));
/** A point or line radius: scene units if positive, UI points if negative. */
export const Radius = f32("Radius");
/** 2D draw order: higher is on top. */
export const DrawOrder = f32("DrawOrder");
/** 0 (transparent) to 1 (opaque). */
export const Opacity = f32("Opacity");
/** A series line's width in UI points. */
export const StrokeWidth = f32("StrokeWidth");
/** A series marker's radius in UI points. */
export const MarkerSize = f32("MarkerSize");
/** How much of the space between depth-cloud points is filled. */
export const FillRatio = f32("FillRatio");
/** Depth units per world unit (1000 for millimeters). */
export const DepthMeter = f32("DepthMeter");
/** A label or log text. */
export const Text = text("Text");
/** A display name (plot series). */
export const Name = text("Name");
/** A log level (CRITICAL … TRACE, or any text). */
export const TextLogLevel = text("TextLogLevel");
/** A MIME type. */
export const MediaType = text("MediaType");
/** An entity path. */
export const EntityPath = text("EntityPath");
/** Whether to show labels. */
export const ShowLabels = defineComponent("ShowLabels", BOOL, (v: boolean | readonly boolean[]) => boolArray(v));
/** Whether a Clear also clears descendants. */
export const ClearIsRecursive = defineComponent("ClearIsRecursive", BOOL, (v: boolean | readonly boolean[]) => boolArray(v));
/** A class id (looked up in the AnnotationContext). */
export const ClassId = defineComponent("ClassId", U16, (v: NumbersLike) => u16Array(v));
/** A keypoint id within its class. */
export const KeypointId = defineComponent("KeypointId", U16, (v: NumbersLike) => u16Array(v));
/** One time-series sample. */
export const Scalar = defineComponent("Scalar", F64, (v: NumbersLike) => f64Array(v));
/** A [min, max] range. */
export const ValueRange = defineComponent("ValueRange", fsl(2, F64), (v: ArrayLike<number>) => fslArray(2, primitiveArray(F64, numbers(Float64Array, v))));
/** How boxes are drawn: MajorWireframe, DenseWireframe or Solid. */
export const FillMode = enumeration("FillMode", ["MajorWireframe", "DenseWireframe", "Solid"]);
/** A series point's marker shape. */
export const MarkerShape = enumeration("MarkerShape", ["Circle", "Diamond", "Square", "Cross", "Plus", "Up", "Down", "Left", "Right", "Asterisk"]);
/** How a series line aggregates points when zoomed out. */
export const AggregationPolicy = enumeration("AggregationPolicy", ["Off", "Average", "Max", "Min", "MinMax", "MinMaxAverage"]);
/** How scalar images are colored. */
export const Colormap = enumeration("Colormap", ["Grayscale", "Inferno", "Magma", "Plasma", "Turbo", "Viridis", "CyanToYellow"]);
