/** Thick line segments (three's LineSegments2) with world-unit or UI-point widths, and their picking. */
import { Group, Vector3 } from "three";
import { LineMaterial } from "three/examples/jsm/lines/LineMaterial.js";
import { LineSegments2 } from "three/examples/jsm/lines/LineSegments2.js";
import { LineSegmentsGeometry } from "three/examples/jsm/lines/LineSegmentsGeometry.js";
import type { PickQuery } from "./types.ts";
import { linearColors } from "./util.ts";

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

/** Draws a segment list: one LineSegments2 per distinct radius (a material has one width). */
export function segmentsObject(s: SegmentList): { object: Group; pick(q: PickQuery): { instance: number; distance: number } | null; dispose(): void } {
  const group = new Group();
  const byRadius = new Map<number, number[]>();
  s.radius.forEach((r, i) => (byRadius.get(r) ?? byRadius.set(r, []).get(r)!).push(i));
  const parts: { line: LineSegments2; indices: number[] }[] = [];
  for (const [radius, indices] of byRadius) {
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
    const material = new LineMaterial({ vertexColors: true, worldUnits: radius > 0, linewidth: Math.max(Math.abs(radius) * 2, radius > 0 ? 0 : 1) });
    const line = new LineSegments2(geometry, material);
    group.add(line);
    parts.push({ line, indices });
  }
  return {
    object: group,
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
    dispose() {
      for (const p of parts) {
        p.line.geometry.dispose();
        p.line.material.dispose();
      }
    },
  };
}
