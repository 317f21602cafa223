/** Picking in the 3D view: the nearest drawn instance (or entity) under the pointer. */
import { type Camera, Raycaster, Vector2 } from "three";
import type { Drawn, PickQuery } from "./types.ts";

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
