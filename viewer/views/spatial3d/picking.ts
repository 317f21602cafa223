/** Picking in the 3D view: the nearest drawn instance (or entity) under the pointer. */
import { type Camera, type Object3D, Raycaster, Vector2 } from "three";
import type { Drawn, PickQuery } from "./types.ts";

type Pick = { instance: number; distance: number } | null;

/** The nearer of two picks (`a` only if strictly nearer). */
export function nearer(a: Pick, b: Pick): Pick {
  return a && (!b || a.distance < b.distance) ? a : b;
}

/** `object` (with its descendants if `recursive`) under the pointer, picked as a whole (instance -1). */
export function pickWhole(object: Object3D, q: PickQuery, recursive = false): Pick {
  const hit = q.raycaster.intersectObject(object, recursive)[0];
  return hit ? { instance: -1, distance: hit.distance } : null;
}

/** The entity path and instance (null = the whole entity) nearest to the camera under client point (cx, cy). */
export function pickNearest(items: readonly { path: string; drawn: Drawn }[], camera: Camera, canvas: HTMLCanvasElement, cx: number, cy: number): { path: string; instance: number | null } | null {
  const rect = canvas.getBoundingClientRect();
  const x = cx - rect.left, y = cy - rect.top;
  const raycaster = new Raycaster();
  raycaster.setFromCamera(new Vector2((x / rect.width) * 2 - 1, 1 - (y / rect.height) * 2), camera);
  const q: PickQuery = { raycaster, camera, x, y, width: rect.width, height: rect.height };
  let best: { path: string; instance: number; distance: number } | null = null;
  for (const it of items) {
    const p = it.drawn.pick(q);
    if (p && (!best || p.distance < best.distance)) best = { path: it.path, ...p };
  }
  return best && { path: best.path, instance: best.instance >= 0 ? best.instance : null };
}
