/** AnnotationContext: class id → label, color and keypoint connections, looked up on the entity or its nearest ancestor. */
import { autoColor, type Rgba, unpackRgba } from "./colors.ts";
import { type EntityRow, values } from "./cells.ts";
import { parentOf } from "./catalog.ts";
import { C } from "./names.ts";

/** What a class id means. */
export interface ClassInfo {
  label: string | null;
  color: Rgba;
}

interface ClassDescription {
  label: string | null;
  color: Rgba | null;
  /** Keypoint id pairs joined by a line. */
  connections: [number, number][];
}

type Contexts = Map<string, Map<number, ClassDescription>>;

/** The annotation contexts found in `rows`, by entity path. */
export function annotationContexts(rows: Iterable<EntityRow>): Contexts {
  const out: Contexts = new Map();
  for (const row of rows) {
    const cell = row.cells.get(C.AnnotationContext);
    if (!cell) continue;
    const map = new Map<number, ClassDescription>();
    type Pair = { keypoint0: number; keypoint1: number };
    for (const v of values(cell) as { class_id: number; class_description: { info: { label: string | null; color: number | null }; keypoint_connections: Pair[] | null } }[]) {
      const { info, keypoint_connections: pairs } = v.class_description;
      map.set(v.class_id, { label: info.label, color: info.color === null ? null : unpackRgba(info.color), connections: (pairs ?? []).map((p) => [p.keypoint0, p.keypoint1]) });
    }
    out.set(row.path, map);
  }
  return out;
}

/** The description of `classId` in the nearest context on `path` or above it, if that context has one. */
function describe(contexts: Contexts, path: string, classId: number): ClassDescription | null {
  for (let p: string | null = path; p !== null; p = parentOf(p)) {
    const map = contexts.get(p);
    if (map) return map.get(classId) ?? null;
  }
  return null;
}

/** The class info of `classId` for an entity at `path` (auto color when no context describes it). */
export function classInfo(contexts: Contexts, path: string, classId: number): ClassInfo {
  const d = describe(contexts, path, classId);
  return { label: d?.label ?? null, color: d?.color ?? autoColor(classId) };
}

/** The keypoint connections of `classId` for an entity at `path` (none when no context describes the class). */
export function keypointConnections(contexts: Contexts, path: string, classId: number): readonly [number, number][] {
  return describe(contexts, path, classId)?.connections ?? [];
}
