/**
 * Per-instance appearance shared by the 2D and 3D views, with Rerun's fallbacks: explicit colors,
 * else the class color from the AnnotationContext, else the entity's automatic color; labels from
 * Text or the class label; a single value is splatted over all instances; keypoint connections.
 */
import { annotationContexts, classInfo, keypointConnections } from "../../data/annotations.ts";
import { type EntityRow, numbers, strings } from "../../data/cells.ts";
import { entityColor, type Rgba, unpackRgba } from "../../data/colors.ts";
import { C } from "../../data/names.ts";

export type Contexts = ReturnType<typeof annotationContexts>;

/** RGBA bytes (sRGB) for `n` instances. */
export function instanceColors(row: EntityRow, n: number, contexts: Contexts, colorComponent: string = C.Color): Uint8Array {
  const out = new Uint8Array(n * 4);
  const colors = numbers(row.cells.get(colorComponent));
  const classIds = numbers(row.cells.get(C.ClassId));
  const auto = entityColor(row.path);
  for (let i = 0; i < n; i++) {
    let c = auto;
    if (colors.length) c = unpackRgba(colors[Math.min(i, colors.length - 1)]!);
    else if (classIds.length) c = classInfo(contexts, row.path, classIds[Math.min(i, classIds.length - 1)]!).color;
    out.set(c, i * 4);
  }
  return out;
}

/** The label of each of `n` instances (null = none). */
export function instanceLabels(row: EntityRow, n: number, contexts: Contexts): (string | null)[] {
  const texts = strings(row.cells.get(C.Text));
  const classIds = numbers(row.cells.get(C.ClassId));
  const out: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    if (texts.length) out.push(texts.length === 1 && n > 1 ? (i === 0 ? texts[0]! : null) : (texts[i] ?? null));
    else if (classIds.length) out.push(classInfo(contexts, row.path, classIds[Math.min(i, classIds.length - 1)]!).label);
    else out.push(null);
  }
  return out;
}

/** Radius of each of `n` instances (negative = UI points), `fallback` when none is logged. */
export function instanceRadii(row: EntityRow, n: number, fallback: number): Float32Array {
  const r = numbers(row.cells.get(C.Radius));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = r.length ? r[Math.min(i, r.length - 1)]! : fallback;
  return out;
}

/** Whether labels should be drawn: ShowLabels if logged, else only for few instances. */
export function showLabels(row: EntityRow, n: number): boolean {
  const s = row.cells.get(C.ShowLabels);
  if (s && s.end > s.start) return Boolean(numbers(s)[0] ?? true);
  return n <= 30;
}

/** The radius of keypoint connection lines (Rerun's default Radius, 1.5 UI points). */
export const KEYPOINT_RADIUS = -1.5;

/** The instance pairs joined by their class's keypoint connections, in the class color (as Rerun, for points with keypoint ids). */
export function keypointPairs(row: EntityRow, n: number, contexts: Contexts): { a: number; b: number; color: Rgba }[] {
  const keypoints = numbers(row.cells.get(C.KeypointId)), classIds = numbers(row.cells.get(C.ClassId));
  if (!keypoints.length) return [];
  const byClass = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const cls = classIds.length ? classIds[Math.min(i, classIds.length - 1)]! : 0;
    (byClass.get(cls) ?? byClass.set(cls, new Map()).get(cls)!).set(keypoints[Math.min(i, keypoints.length - 1)]!, i);
  }
  const out: { a: number; b: number; color: Rgba }[] = [];
  for (const [cls, instances] of byClass) {
    const color = classInfo(contexts, row.path, cls).color;
    for (const [k0, k1] of keypointConnections(contexts, row.path, cls)) {
      const a = instances.get(k0), b = instances.get(k1);
      if (a !== undefined && b !== undefined) out.push({ a, b, color });
    }
  }
  return out;
}
