/** Points3D: round splats with world-unit or UI-point radii, per-point colors, CPU picking in screen space, keypoint connections. */
import { BufferAttribute, Group, type Matrix4, Points, ShaderMaterial, Vector3 } from "three";
import { count, type EntityRow, floats } from "../../data/cells.ts";
import { C } from "../../data/names.ts";
import { instanceColors, instanceLabels, instanceRadii, KEYPOINT_RADIUS, keypointPairs, showLabels } from "../shared/appearance.ts";
import { nearer } from "./picking.ts";
import { POINT_SIZE_GLSL, projScale } from "./point-size.ts";
import { addSegment, segmentList, segmentsObject } from "./segments.ts";
import type { DrawEnv, Drawn, Visualizer3D } from "./types.ts";
import { boundsOf, labelsAt, positionsGeometry } from "./util.ts";

/** Rerun's default point radius, in UI points. */
const DEFAULT_RADIUS = -1.5;

const VERTEX = /* glsl */ `${POINT_SIZE_GLSL}
attribute vec4 color;
varying vec4 vColor;
void main() {
  float px = placePoint();
  gl_PointSize = max(2.0 * px, 1.5);
  vColor = color;
}`;

const FRAGMENT = /* glsl */ `
varying vec4 vColor;
void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  if (dot(c, c) > 1.0) discard;
  gl_FragColor = vColor;
}`;

/** A point-splat material; `uScale` is set per frame from the camera. */
function splatMaterial(transparent: boolean): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader: VERTEX,
    fragmentShader: FRAGMENT,
    uniforms: { uScale: { value: 1 }, uDpr: { value: window.devicePixelRatio || 1 } },
    transparent,
  });
}

/** Round splats at `pos` (xyz, posed by `world`) with RGBA bytes and radii (negative = UI points): drawing, CPU picking in screen space, ring anchors. */
export function splats(pos: Float32Array, rgba: Uint8Array, radii: Float32Array, world: Matrix4): Required<Pick<Drawn, "object" | "pick" | "anchor" | "beforeRender" | "dispose">> {
  const n = radii.length;
  const geometry = positionsGeometry(pos);
  geometry.setAttribute("color", new BufferAttribute(rgba, 4, true));
  geometry.setAttribute("radius", new BufferAttribute(radii, 1));
  const material = splatMaterial(rgba.some((_, i) => i % 4 === 3 && rgba[i]! < 255));
  const object = new Points(geometry, material);
  object.matrixAutoUpdate = false;
  object.matrix.copy(world);
  return {
    object,
    anchor(i) {
      if (i < 0 || i >= n) return null;
      return { position: new Vector3(pos[i * 3], pos[i * 3 + 1], pos[i * 3 + 2]).applyMatrix4(world), radius: radii[i]! };
    },
    beforeRender(camera, heightPx) {
      material.uniforms.uScale!.value = projScale(camera, heightPx) * (window.devicePixelRatio || 1);
    },
    pick(q) {
      const v = new Vector3(), cam = new Vector3().setFromMatrixPosition(q.camera.matrixWorld);
      const cssScale = projScale(q.camera, q.height);
      let best: { instance: number; distance: number; d2: number } | null = null;
      for (let i = 0; i < n; i++) {
        v.set(pos[i * 3]!, pos[i * 3 + 1]!, pos[i * 3 + 2]!).applyMatrix4(world);
        const dist = v.distanceTo(cam);
        v.project(q.camera);
        if (v.z < -1 || v.z > 1) continue;
        const sx = ((v.x + 1) / 2) * q.width, sy = ((1 - v.y) / 2) * q.height;
        const r = radii[i]! < 0 ? -radii[i]! : (radii[i]! * cssScale) / dist;
        const d2 = (sx - q.x) ** 2 + (sy - q.y) ** 2;
        if (d2 <= Math.max(r + 2, 5) ** 2 && (!best || d2 < best.d2)) best = { instance: i, distance: dist, d2 };
      }
      return best && { instance: best.instance, distance: best.distance };
    },
    dispose() {
      geometry.dispose();
      material.dispose();
    },
  };
}

/** Keypoint connections of `row` (instances at `pos`) as segments in their class colors, picked as the whole entity. */
function keypointLines(row: EntityRow, pos: Float32Array, n: number, env: DrawEnv): ReturnType<typeof segmentsObject> | null {
  const pairs = keypointPairs(row, n, env.contexts);
  if (pairs.length === 0) return null;
  const segs = segmentList(), a = new Vector3(), b = new Vector3();
  for (const p of pairs) {
    a.set(pos[p.a * 3]!, pos[p.a * 3 + 1]!, pos[p.a * 3 + 2]!).applyMatrix4(env.world);
    b.set(pos[p.b * 3]!, pos[p.b * 3 + 1]!, pos[p.b * 3 + 2]!).applyMatrix4(env.world);
    addSegment(segs, a, b, p.color, KEYPOINT_RADIUS, -1);
  }
  return segmentsObject(segs);
}

export const points3d: Visualizer3D = {
  archetype: "Points3D",
  components: [C.Position3D, C.Radius, C.Color, C.Text, C.ShowLabels, C.ClassId, C.KeypointId],
  draw(row, env): Drawn | null {
    const n = count(row.cells.get(C.Position3D));
    if (n === 0) return null;
    const pos = floats(row.cells.get(C.Position3D), 3);
    const rgba = instanceColors(row, n, env.contexts);
    const points = splats(pos, rgba, instanceRadii(row, n, DEFAULT_RADIUS), env.world);
    const texts = showLabels(row, n) ? instanceLabels(row, n, env.contexts) : [];
    const drawn: Drawn = { ...points, bounds: boundsOf(pos, env.world), labels: labelsAt(pos, env.world, texts, rgba) };
    const connections = keypointLines(row, pos, n, env);
    if (!connections) return drawn;
    return {
      ...drawn,
      object: new Group().add(points.object, connections.object),
      pick: (q) => nearer(points.pick(q), connections.pick(q)),
      dispose() {
        points.dispose();
        connections.dispose();
      },
    };
  },
};
