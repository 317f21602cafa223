/** Arrows3D: a shaft segment plus a cone tip per arrow, from its origin along its vector. */
import { Box3, ConeGeometry, Group, InstancedMesh, Matrix4, MeshBasicMaterial, Quaternion, Vector3 } from "three";
import { count, floats } from "../../data/cells.ts";
import { C } from "../../data/names.ts";
import { instanceColors, instanceLabels, instanceRadii, showLabels } from "../shared/appearance.ts";
import { addSegment, segmentList, segmentsObject } from "./segments.ts";
import { nearer } from "./picking.ts";
import type { Drawn, Label, Visualizer3D } from "./types.ts";
import { cssAt, srgbAt } from "./util.ts";

const DEFAULT_RADIUS = -1;
const UP = new Vector3(0, 1, 0);

export const arrows3d: Visualizer3D = {
  archetype: "Arrows3D",
  components: [C.Vector3D, C.Position3D, C.Radius, C.Color, C.Text, C.ShowLabels, C.ClassId],
  draw(row, env): Drawn | null {
    const n = count(row.cells.get(C.Vector3D));
    if (n === 0) return null;
    const vec = floats(row.cells.get(C.Vector3D), 3), org = floats(row.cells.get(C.Position3D), 3);
    const rgba = instanceColors(row, n, env.contexts);
    const radii = instanceRadii(row, n, DEFAULT_RADIUS);
    const texts = showLabels(row, n) ? instanceLabels(row, n, env.contexts) : [];
    const segs = segmentList(), bounds = new Box3(), labels: Label[] = [];
    const tips = new InstancedMesh(new ConeGeometry(1, 1, 12), new MeshBasicMaterial(), n);
    for (let i = 0; i < n; i++) {
      const o = org.length >= i * 3 + 3 ? new Vector3(org[i * 3], org[i * 3 + 1], org[i * 3 + 2]) : new Vector3();
      const a = o.clone().applyMatrix4(env.world);
      const b = o.clone().add(new Vector3(vec[i * 3], vec[i * 3 + 1], vec[i * 3 + 2])).applyMatrix4(env.world);
      const dir = b.clone().sub(a), len = dir.length();
      const tipLen = Math.min(len * 0.25, radii[i]! > 0 ? radii[i]! * 8 : len * 0.25);
      const base = b.clone().addScaledVector(dir.clone().normalize(), -tipLen);
      addSegment(segs, a, base, rgba.subarray(i * 4, i * 4 + 4), radii[i]!, i);
      const tipMatrix = new Matrix4().compose(
        base.clone().addScaledVector(dir.clone().normalize(), tipLen / 2),
        new Quaternion().setFromUnitVectors(UP, dir.clone().normalize()),
        new Vector3(tipLen * 0.35, tipLen, tipLen * 0.35),
      );
      tips.setMatrixAt(i, tipMatrix);
      tips.setColorAt(i, srgbAt(rgba, i));
      bounds.expandByPoint(a).expandByPoint(b);
      if (texts[i]) labels.push({ x: b.x, y: b.y, z: b.z, text: texts[i]!, color: cssAt(rgba, i) });
    }
    const shafts = segmentsObject(segs);
    const group = new Group().add(shafts.object, tips);
    return {
      object: group,
      bounds,
      labels,
      pick(q) {
        const hit = q.raycaster.intersectObject(tips, false)[0];
        return nearer(hit?.instanceId !== undefined ? { instance: hit.instanceId, distance: hit.distance } : null, shafts.pick(q));
      },
      highlight: shafts.highlight,
      dispose() {
        shafts.dispose();
        tips.geometry.dispose();
        (tips.material as MeshBasicMaterial).dispose();
        tips.dispose();
      },
    };
  },
};
