/** LineStrips3D: each strip a polyline, with per-strip colors and radii. */
import { Box3, Vector3 } from "three";
import { count, type Cell } from "../../data/cells.ts";
import { C } from "../../data/names.ts";
import { instanceColors, instanceLabels, instanceRadii, showLabels } from "../shared/appearance.ts";
import { addSegment, segmentList, segmentsObject } from "./segments.ts";
import type { Drawn, Label, Visualizer3D } from "./types.ts";
import { cssAt } from "./util.ts";

/** Rerun's default line radius, in UI points. */
const DEFAULT_RADIUS = -0.75;

/** The points of strip `i` of a LineStrip cell (`dim` = 2 or 3), as flat numbers. */
export function stripPoints(cell: Cell, i: number, dim: number): Float32Array {
  const list = cell.items, offsets = list.offsets as Int32Array;
  const a = offsets[cell.start + i]!, b = offsets[cell.start + i + 1]!;
  const vals = list.children[0]!.children[0]!.values as Float32Array;
  return vals.subarray(a * dim, b * dim);
}

export const lineStrips3d: Visualizer3D = {
  archetype: "LineStrips3D",
  components: [C.LineStrip3D, C.Radius, C.Color, C.Text, C.ShowLabels, C.ClassId],
  draw(row, env): Drawn | null {
    const cell = row.cells.get(C.LineStrip3D);
    const n = count(cell);
    if (!cell || n === 0) return null;
    const rgba = instanceColors(row, n, env.contexts);
    const radii = instanceRadii(row, n, DEFAULT_RADIUS);
    const texts = showLabels(row, n) ? instanceLabels(row, n, env.contexts) : [];
    const segs = segmentList(), bounds = new Box3(), labels: Label[] = [];
    const a = new Vector3(), b = new Vector3();
    for (let i = 0; i < n; i++) {
      const p = stripPoints(cell, i, 3);
      for (let k = 0; k + 5 < p.length; k += 3) {
        a.set(p[k]!, p[k + 1]!, p[k + 2]!).applyMatrix4(env.world);
        b.set(p[k + 3]!, p[k + 4]!, p[k + 5]!).applyMatrix4(env.world);
        addSegment(segs, a, b, rgba.subarray(i * 4, i * 4 + 4), radii[i]!, i);
        bounds.expandByPoint(a).expandByPoint(b);
      }
      const text = texts[i];
      if (text && p.length >= 3) {
        const m = Math.floor(p.length / 6) * 3;
        a.set(p[m]!, p[m + 1]!, p[m + 2]!).applyMatrix4(env.world);
        labels.push({ x: a.x, y: a.y, z: a.z, text, color: cssAt(rgba, i) });
      }
    }
    const drawn = segmentsObject(segs);
    return { ...drawn, bounds, labels };
  },
};
