/** Thick line segments (three's LineSegments2) with world-unit or UI-point widths, and their picking. */
import { Color, Group, type Vector3 } from "three";
import { LineMaterial } from "three/examples/jsm/lines/LineMaterial.js";
import { LineSegments2 } from "three/examples/jsm/lines/LineSegments2.js";
import { LineSegmentsGeometry } from "three/examples/jsm/lines/LineSegmentsGeometry.js";
import type { Overlay, PickQuery } from "./types.ts";
import { linearColors } from "./util.ts";

/** How much wider a selection halo is than its line: UI-point lines by pixels, world-unit lines by a factor. */
const HALO_PX = 5, HALO_WORLD = 1.8;

/** Segments to draw: xyz pairs, one RGBA color, radius and instance index per segment. */
export interface SegmentList {
  xyz: number[];
  rgba: number[];
  radius: number[];
  instance: number[];
}

/** An empty segment list. */
export function segmentList(): SegmentList {
  return { xyz: [], rgba: [], radius: [], instance: [] };
}

/** Appends the segment a→b. */
export function addSegment(s: SegmentList, a: Vector3, b: Vector3, rgba: ArrayLike<number>, radius: number, instance: number): void {
  s.xyz.push(a.x, a.y, a.z, b.x, b.y, b.z);
  s.rgba.push(rgba[0]!, rgba[1]!, rgba[2]!, rgba[3]!);
  s.radius.push(radius);
  s.instance.push(instance);
}

/** One LineSegments2 per distinct radius among segments `which` (a material has one width), made by `material(radius)`. */
function lines(s: SegmentList, which: readonly number[], material: (radius: number) => LineMaterial): { line: LineSegments2; indices: number[] }[] {
  const byRadius = new Map<number, number[]>();
  for (const i of which) (byRadius.get(s.radius[i]!) ?? byRadius.set(s.radius[i]!, []).get(s.radius[i]!)!).push(i);
  return [...byRadius].map(([radius, indices]) => {
    const geometry = new LineSegmentsGeometry();
    const xyz = new Float32Array(indices.length * 6), rgba = new Uint8Array(indices.length * 8);
    indices.forEach((seg, k) => {
      xyz.set(s.xyz.slice(seg * 6, seg * 6 + 6), k * 6);
      const c = s.rgba.slice(seg * 4, seg * 4 + 4);
      rgba.set(c, k * 8);
      rgba.set(c, k * 8 + 4);
    });
    geometry.setPositions(xyz);
    geometry.setColors(linearColors(rgba));
    return { line: new LineSegments2(geometry, material(radius)), indices };
  });
}

/** A group of the lines of `parts`. */
function groupOf(parts: readonly { line: LineSegments2 }[]): Group {
  const group = new Group();
  for (const p of parts) group.add(p.line);
  return group;
}

/** Frees the geometries and materials of `parts`. */
function disposeLines(parts: readonly { line: LineSegments2 }[]): void {
  for (const p of parts) {
    p.line.geometry.dispose();
    p.line.material.dispose();
  }
}

/** Draws a segment list; its highlight is a wider halo in the highlight color just behind the selected segments. */
export function segmentsObject(s: SegmentList): { object: Group; pick(q: PickQuery): { instance: number; distance: number } | null; highlight(instance: number | null, color: [number, number, number]): Overlay | null; dispose(): void } {
  const parts = lines(s, s.radius.map((_, i) => i), (radius) => new LineMaterial({ vertexColors: true, worldUnits: radius > 0, linewidth: Math.max(Math.abs(radius) * 2, radius > 0 ? 0 : 1) }));
  return {
    object: groupOf(parts),
    pick(q) {
      q.raycaster.params.Line2 = { threshold: 4 };
      let best: { instance: number; distance: number } | null = null;
      for (const p of parts) {
        for (const hit of q.raycaster.intersectObject(p.line, false)) {
          const seg = p.indices[hit.faceIndex ?? 0];
          if (seg !== undefined && (!best || hit.distance < best.distance)) best = { instance: s.instance[seg]!, distance: hit.distance };
        }
      }
      return best;
    },
    highlight(instance, [r, g, b]) {
      const which = s.instance.flatMap((inst, i) => (instance === null || inst === instance ? [i] : []));
      if (which.length === 0) return null;
      const color = new Color().setRGB(r, g, b, "srgb");
      const halo = lines(s, which, (radius) => new LineMaterial({
        color, worldUnits: radius > 0, linewidth: radius > 0 ? radius * 2 * HALO_WORLD : Math.max(Math.abs(radius) * 2, 1) + HALO_PX,
        polygonOffset: true, polygonOffsetFactor: 1, polygonOffsetUnits: 1,
      }));
      return { object: groupOf(halo), dispose: () => disposeLines(halo) };
    },
    dispose: () => disposeLines(parts),
  };
}
