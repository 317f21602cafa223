/**
 * The AnnotationContexts of the whole recording at the time cursor (they are usually logged at the
 * root, above a view's origin, so views cannot get them from their own subtree query).
 */
import { annotationContexts } from "../../data/annotations.ts";
import { C } from "../../data/names.ts";
import { catalog } from "../../state/derived.ts";
import type { Contexts } from "./appearance.ts";
import { watchLatest } from "./latest.ts";

/** Calls `onContexts` with the current contexts whenever they may have changed; returns stop. */
export function watchAnnotations(onContexts: (c: Contexts) => void): { stop(): void } {
  return watchLatest(
    () => (catalog().withAny(["AnnotationContext"]).length ? { entity: "/", components: [C.AnnotationContext] } : null),
    (rows) => onContexts(annotationContexts(rows.values())),
  );
}
