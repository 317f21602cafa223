/** Pinhole: the camera frustum (origin to the image-plane corners) in the camera's coordinate convention. */
import { Box3, type Matrix3, type Matrix4, Vector3 } from "three";
import { type EntityRow, firstNumber, floats, numbers } from "../../data/cells.ts";
import { C } from "../../data/names.ts";
import { instanceColors } from "../shared/appearance.ts";
import { addSegment, segmentList, segmentsObject } from "./segments.ts";
import type { Drawn, Visualizer3D } from "./types.ts";
import { basisFromViewCoordinates } from "./view-coordinates.ts";

/** A camera's intrinsics, image size, frustum depth and its axes (RDF → its convention). */
export interface Camera {
  fx: number;
  fy: number;
  cx: number;
  cy: number;
  width: number;
  height: number;
  depth: number;
  fromRdf: Matrix3;
}

/** The camera of a Pinhole row, or null if it has no projection. */
export function cameraOf(row: EntityRow, sceneSize: number): Camera | null {
  const k = floats(row.cells.get(C.PinholeProjection), 9);
  if (k.length !== 9) return null;
  const [fx, fy, cx, cy] = [k[0]!, k[4]!, k[6]!, k[7]!];
  const res = floats(row.cells.get(C.Resolution), 2), xyz = numbers(row.cells.get(C.ViewCoordinates));
  return {
    fx, fy, cx, cy,
    width: res.length === 2 ? res[0]! : cx * 2,
    height: res.length === 2 ? res[1]! : cy * 2,
    depth: firstNumber(row.cells.get(C.ImagePlaneDistance), Math.max(sceneSize * 0.05, 0.1)),
    fromRdf: basisFromViewCoordinates(xyz.length === 3 ? [xyz[0]!, xyz[1]!, xyz[2]!] : [3, 2, 5]),
  };
}

/** The point of image pixel (u, v) on the camera's image plane, in the view. */
export function imagePoint(cam: Camera, u: number, v: number, world: Matrix4): Vector3 {
  return new Vector3(((u - cam.cx) / cam.fx) * cam.depth, ((v - cam.cy) / cam.fy) * cam.depth, cam.depth).applyMatrix3(cam.fromRdf).applyMatrix4(world);
}

export const pinhole: Visualizer3D = {
  archetype: "Pinhole",
  components: [C.PinholeProjection, C.Resolution, C.ViewCoordinates, C.ImagePlaneDistance, C.Color],
  draw(row, env): Drawn | null {
    const cam = cameraOf(row, env.sceneSize);
    if (!cam) return null;
    const o = new Vector3().applyMatrix4(env.world);
    const cs = [imagePoint(cam, 0, 0, env.world), imagePoint(cam, cam.width, 0, env.world), imagePoint(cam, cam.width, cam.height, env.world), imagePoint(cam, 0, cam.height, env.world)];
    const rgba = instanceColors(row, 1, env.contexts);
    const segs = segmentList(), bounds = new Box3().expandByPoint(o);
    cs.forEach((c, i) => {
      addSegment(segs, o, c, rgba, -1, 0);
      addSegment(segs, c, cs[(i + 1) % 4]!, rgba, -1, 0);
      bounds.expandByPoint(c);
    });
    return { ...segmentsObject(segs), bounds, labels: [] };
  },
};
