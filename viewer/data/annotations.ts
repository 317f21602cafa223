/** AnnotationContext: class id → label and color, looked up on the entity or its nearest ancestor. */
import { autoColor, type Rgba, unpackRgba } from "./colors.ts";
import { type EntityRow, values } from "./cells.ts";
import { parentOf } from "./catalog.ts";
import { C } from "./names.ts";

/** What a class id means. */
export interface ClassInfo {
  label: string | null;
  color: Rgba;
}

type Contexts = Map<string, Map<number, { label: string | null; color: Rgba | null }>>;

/** The annotation contexts found in `rows`, by entity path. */
export function annotationContexts(rows: Iterable<EntityRow>): Contexts {
  const out: Contexts = new Map();
  for (const row of rows) {
    const cell = row.cells.get(C.AnnotationContext);
    if (!cell) continue;
    const map = new Map<number, { label: string | null; color: Rgba | null }>();
    for (const v of values(cell) as { class_id: number; class_description: { info: { label: string | null; color: number | null } } }[]) {
      const info = v.class_description.info;
      map.set(v.class_id, { label: info.label, color: info.color === null ? null : unpackRgba(info.color) });
    }
    out.set(row.path, map);
  }
  return out;
}

/** The class info of `classId` for an entity at `path` (auto color when no context describes it). */
export function classInfo(contexts: Contexts, path: string, classId: number): ClassInfo {
  for (let p: string | null = path; p !== null; p = parentOf(p)) {
    const d = contexts.get(p)?.get(classId);
    if (d) return { label: d.label, color: d.color ?? autoColor(classId) };
    if (contexts.has(p)) break;
  }
  return { label: null, color: autoColor(classId) };
}
