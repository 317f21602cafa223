/** Boxes3D: wireframe (or solid) boxes with per-instance centers, rotations, colors and line radii. */
import { Box3, BoxGeometry, Group, Matrix4, Mesh, MeshStandardMaterial, Vector3 } from "three";
import { count, firstNumber, floats } from "../../data/cells.ts";
import { C } from "../../data/names.ts";
import { instanceColors, instanceLabels, instanceRadii, showLabels } from "../shared/appearance.ts";
import { tintOverlay } from "./highlight.ts";
import { addSegment, segmentList, segmentsObject } from "./segments.ts";
import { instancePose } from "./transforms.ts";
import { nearer } from "./picking.ts";
import type { Drawn, Label, Visualizer3D } from "./types.ts";
import { cssAt, srgbAt } from "./util.ts";

const DEFAULT_RADIUS = -1;
const CORNERS = [[-1, -1, -1], [1, -1, -1], [1, 1, -1], [-1, 1, -1], [-1, -1, 1], [1, -1, 1], [1, 1, 1], [-1, 1, 1]];
const EDGES = [[0, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 7], [7, 4], [0, 4], [1, 5], [2, 6], [3, 7]];

export const boxes3d: Visualizer3D = {
  archetype: "Boxes3D",
  components: [C.HalfSize3D, C.PoseTranslation3D, C.PoseRotationQuat, C.PoseRotationAxisAngle, C.Color, C.Radius, C.FillMode, C.Text, C.ShowLabels, C.ClassId],
  draw(row, env): Drawn | null {
    const n = count(row.cells.get(C.HalfSize3D));
    if (n === 0) return null;
    const half = floats(row.cells.get(C.HalfSize3D), 3);
    const rgba = instanceColors(row, n, env.contexts);
    const radii = instanceRadii(row, n, DEFAULT_RADIUS);
    const solid = firstNumber(row.cells.get(C.FillMode), 1) === 3;
    const texts = showLabels(row, n) ? instanceLabels(row, n, env.contexts) : [];
    const segs = segmentList(), bounds = new Box3(), labels: Label[] = [];
    const group = new Group(), meshes: Mesh[] = [];
    for (let i = 0; i < n; i++) {
      const { position, rotation } = instancePose(row, i);
      const size = new Vector3(half[i * 3], half[i * 3 + 1], half[i * 3 + 2]);
      const m = env.world.clone().multiply(new Matrix4().compose(position, rotation, size));
      const corners = CORNERS.map(([x, y, z]) => new Vector3(x, y, z).applyMatrix4(m));
      corners.forEach((c) => bounds.expandByPoint(c));
      if (solid) {
        const color = srgbAt(rgba, i);
        const mesh = new Mesh(new BoxGeometry(2, 2, 2), new MeshStandardMaterial({ color, transparent: rgba[i * 4 + 3]! < 255, opacity: rgba[i * 4 + 3]! / 255 }));
        mesh.matrixAutoUpdate = false;
        mesh.matrix.copy(m);
        mesh.userData.instance = i;
        meshes.push(mesh);
        group.add(mesh);
      } else {
        for (const [a, b] of EDGES) addSegment(segs, corners[a!]!, corners[b!]!, rgba.subarray(i * 4, i * 4 + 4), radii[i]!, i);
      }
      const text = texts[i];
      if (text) {
        const c = new Vector3().applyMatrix4(m);
        labels.push({ x: c.x, y: c.y, z: c.z, text, color: cssAt(rgba, i) });
      }
    }
    const wire = segmentsObject(segs);
    group.add(wire.object);
    return {
      object: group,
      bounds,
      labels,
      pick(q) {
        const hit = q.raycaster.intersectObjects(meshes, false)[0];
        return nearer(hit ? { instance: hit.object.userData.instance as number, distance: hit.distance } : null, wire.pick(q));
      },
      highlight(instance, color) {
        if (!solid) return wire.highlight(instance, color);
        return tintOverlay(meshes.filter((m) => instance === null || m.userData.instance === instance), color);
      },
      dispose() {
        wire.dispose();
        for (const m of meshes) {
          m.geometry.dispose();
          (m.material as MeshStandardMaterial).dispose();
        }
      },
    };
  },
};
