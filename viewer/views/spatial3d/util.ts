/** Small helpers shared by the 3D visualizers. */
import { Box3, BufferAttribute, BufferGeometry, Color, type Matrix4, Vector3 } from "three";
import type { Label } from "./types.ts";

/** World bounds of `n` xyz positions under `world`. */
export function boundsOf(pos: ArrayLike<number>, world: Matrix4): Box3 {
  const box = new Box3(), v = new Vector3();
  for (let i = 0; i + 2 < pos.length; i += 3) {
    v.set(pos[i]!, pos[i + 1]!, pos[i + 2]!).applyMatrix4(world);
    if (Number.isFinite(v.x + v.y + v.z)) box.expandByPoint(v);
  }
  return box;
}

/** The three.js color of instance `i` of sRGB(A) bytes (set into `c` if given). */
export function srgbAt(rgba: ArrayLike<number>, i: number, c = new Color()): Color {
  return c.setRGB(rgba[i * 4]! / 255, rgba[i * 4 + 1]! / 255, rgba[i * 4 + 2]! / 255, "srgb");
}

/** sRGB bytes → linear floats (what three's standard materials expect for vertex colors). */
export function linearColors(rgba: Uint8Array, channels: 3 | 4 = 3): Float32Array {
  const n = rgba.length / 4, out = new Float32Array(n * channels), c = new Color();
  for (let i = 0; i < n; i++) {
    srgbAt(rgba, i, c);
    out[i * channels] = c.r;
    out[i * channels + 1] = c.g;
    out[i * channels + 2] = c.b;
    if (channels === 4) out[i * 4 + 3] = rgba[i * 4 + 3]! / 255;
  }
  return out;
}

/** CSS color of instance `i` of an RGBA byte array. */
export function cssAt(rgba: Uint8Array, i: number): string {
  return `rgb(${rgba[i * 4]},${rgba[i * 4 + 1]},${rgba[i * 4 + 2]})`;
}

/** Labels at world positions for the instances that have a label. */
export function labelsAt(points: ArrayLike<number>, world: Matrix4, texts: (string | null)[], rgba: Uint8Array): Label[] {
  const out: Label[] = [], v = new Vector3();
  texts.forEach((text, i) => {
    if (text === null || i * 3 + 2 >= points.length) return;
    v.set(points[i * 3]!, points[i * 3 + 1]!, points[i * 3 + 2]!).applyMatrix4(world);
    out.push({ x: v.x, y: v.y, z: v.z, text, color: cssAt(rgba, i) });
  });
  return out;
}

/** A geometry with a float32 xyz position attribute. */
export function positionsGeometry(pos: Float32Array): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute("position", new BufferAttribute(pos, 3));
  return g;
}
