/** The AnnotationContext component: class id → label, color and keypoint skeleton (spec §6.2). */
import { U16, U32, UTF8, arrayFromValues, list, struct } from "../../store/arrow/make.ts";
import type { JsValue } from "../../store/arrow/values.ts";
import { defineComponent } from "../component.ts";
import { type ColorLike, packColors } from "../convert/colors.ts";

/** A label and/or color for a class or keypoint id; also written as a tuple `[id, label?, color?]`. */
export type AnnotationInfoLike = { id: number; label?: string | null; color?: ColorLike | null } | readonly [number, (string | null)?, (ColorLike | null)?];

/** A class: its info plus optional keypoint labels and the keypoint pairs to connect. */
export interface ClassDescriptionLike {
  info: AnnotationInfoLike;
  keypointAnnotations?: readonly AnnotationInfoLike[];
  keypointConnections?: readonly (readonly [number, number])[];
}

/** Classes of an annotation context. */
export type AnnotationContextLike = readonly (AnnotationInfoLike | ClassDescriptionLike)[];

const INFO = struct([["id", U16], ["label", UTF8, true], ["color", U32, true]]);
const PAIR = struct([["keypoint0", U16], ["keypoint1", U16]]);
const DESCRIPTION = struct([["info", INFO], ["keypoint_annotations", list(INFO)], ["keypoint_connections", list(PAIR)]]);
const ELEM = struct([["class_id", U16], ["class_description", DESCRIPTION]]);

function info(a: AnnotationInfoLike): { [k: string]: JsValue } {
  const [id, label, color] = Array.isArray(a) ? (a as readonly [number, string?, ColorLike?]) : [(a as { id: number }).id, (a as { label?: string }).label, (a as { color?: ColorLike }).color];
  return { id, label: label ?? null, color: color === undefined || color === null ? null : packColors(color, 1)[0]! };
}

function describe(c: AnnotationInfoLike | ClassDescriptionLike): { [k: string]: JsValue } {
  const d: ClassDescriptionLike = !Array.isArray(c) && "info" in (c as object) ? (c as ClassDescriptionLike) : { info: c as AnnotationInfoLike };
  const i = info(d.info);
  return {
    class_id: i.id!,
    class_description: {
      info: i,
      keypoint_annotations: (d.keypointAnnotations ?? []).map(info),
      keypoint_connections: (d.keypointConnections ?? []).map(([keypoint0, keypoint1]) => ({ keypoint0, keypoint1 })),
    },
  };
}

/** Class id → label, color and keypoint skeleton. */
export const AnnotationContext = defineComponent("AnnotationContext", list(ELEM), (v: AnnotationContextLike) => arrayFromValues(list(ELEM), [v.map(describe)]));
