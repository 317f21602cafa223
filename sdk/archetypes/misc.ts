/** AnnotationContext (class labels, colors, skeletons) and Clear (removes an entity's data, optionally its children's). */
import { archetypeClass, type FieldValues } from "../archetype.ts";
import * as C from "../components/index.ts";
import type { AnnotationContextLike } from "../components/annotation.ts";

const ANNOTATIONS = { context: [C.AnnotationContext, "required"] } as const;
const CLEAR = { isRecursive: [C.ClearIsRecursive, "required"] } as const;

/** The fields of AnnotationContext. */
export type AnnotationContextFields = FieldValues<typeof ANNOTATIONS>;
/** The fields of Clear. */
export type ClearFields = FieldValues<typeof CLEAR>;

/** Classes for class ids: `new AnnotationContext([[1, "person", [255, 0, 0]], { info: { id: 2, label: "car" }, keypointConnections: [[0, 1]] }])`. */
export class AnnotationContext extends archetypeClass("AnnotationContext", ANNOTATIONS) {
  constructor(context: AnnotationContextLike) {
    super({ context });
  }
}

/** Clears an entity (and with `recursive` its descendants): `new Clear({ recursive: true })`. */
export class Clear extends archetypeClass("Clear", CLEAR) {
  constructor(opts: { recursive: boolean }) {
    super({ isRecursive: opts.recursive });
  }

  /** A non-recursive clear. */
  static flat(): Clear {
    return new Clear({ recursive: false });
  }

  /** A recursive clear. */
  static recursive(): Clear {
    return new Clear({ recursive: true });
  }
}
