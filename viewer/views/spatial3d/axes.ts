/** Transform3D: the entity's frame drawn as red/green/blue axes (length AxisLength or a scene fraction). */
import { Box3, Vector3 } from "three";
import { firstNumber } from "../../data/cells.ts";
import { C } from "../../data/names.ts";
import { addSegment, segmentList, segmentsObject } from "./segments.ts";
import type { Drawn, Visualizer3D } from "./types.ts";

const AXIS_COLORS = [[255, 25, 25, 255], [0, 240, 0, 255], [80, 80, 255, 255]];

export const transformAxes: Visualizer3D = {
  archetype: "Transform3D",
  components: [C.Translation3D, C.RotationQuat, C.RotationAxisAngle, C.Scale3D, C.TransformMat3x3, C.TransformRelation, C.AxisLength],
  draw(row, env): Drawn | null {
    const len = firstNumber(row.cells.get(C.AxisLength), Math.max(env.sceneSize * 0.05, 0.1));
    if (!(len > 0)) return null;
    const o = new Vector3().applyMatrix4(env.world);
    const segs = segmentList(), bounds = new Box3().expandByPoint(o);
    for (let i = 0; i < 3; i++) {
      const tip = new Vector3().setComponent(i, len).applyMatrix4(env.world);
      addSegment(segs, o, tip, AXIS_COLORS[i]!, -1, -1);
      bounds.expandByPoint(tip);
    }
    return { ...segmentsObject(segs), bounds, labels: [] };
  },
};
