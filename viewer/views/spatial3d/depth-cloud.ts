/**
 * DepthImage under a Pinhole in 3D: a point cloud, as Rerun's depth clouds. Pixel (u, v) with depth
 * d is back-projected with the pinhole intrinsics to z = d / meter along the camera's forward axis,
 * colored by the image's colormap and range, with a radius of `point_fill_ratio` pixels at its depth.
 */
import { Matrix4 } from "three";
import { firstNumber } from "../../data/cells.ts";
import { C } from "../../data/names.ts";
import { loadImage } from "../shared/image-cache.ts";
import { pinholeAbove } from "./camera-images.ts";
import { cameraOf } from "./pinhole.ts";
import { splats } from "./points.ts";
import type { Drawn, Visualizer3D } from "./types.ts";
import { boundsOf } from "./util.ts";

/** The depth cloud of a DepthImage under a Pinhole. */
export const depthCloud: Visualizer3D = {
  archetype: "DepthImage",
  components: [C.ImageBuffer, C.ImageFormat, C.DepthMeter, C.Colormap, C.ValueRange, C.FillRatio],
  draw(row, env): Drawn | null {
    const pin = pinholeAbove(env.rows, row.path);
    const cam = pin && cameraOf(pin, env.sceneSize);
    const image = cam && loadImage(row, "DepthImage", env.contexts, () => {})?.decoded;
    if (!cam || !image?.samples) return null;
    const { width: w, height: h, samples: depth, rgba: colors } = image;
    const meter = firstNumber(row.cells.get(C.DepthMeter), 1), fill = firstNumber(row.cells.get(C.FillRatio), 1);
    const valid = (p: number) => depth[p]! / meter > 0 && Number.isFinite(depth[p]! / meter);
    let n = 0;
    for (let p = 0; p < w * h; p++) if (valid(p)) n++;
    const pos = new Float32Array(n * 3), rgba = new Uint8Array(n * 4), radii = new Float32Array(n);
    for (let p = 0, k = 0; p < w * h; p++) {
      if (!valid(p)) continue;
      const z = depth[p]! / meter;
      const u = (p % w) + 0.5, v = Math.floor(p / w) + 0.5;
      pos[k * 3] = ((u - cam.cx) / cam.fx) * z;
      pos[k * 3 + 1] = ((v - cam.cy) / cam.fy) * z;
      pos[k * 3 + 2] = z;
      for (let c = 0; c < 4; c++) rgba[k * 4 + c] = colors[p * 4 + c]!;
      radii[k++] = (fill * z) / cam.fy;
    }
    const world = env.world.clone().multiply(new Matrix4().setFromMatrix3(cam.fromRdf));
    const cloud = splats(pos, rgba, radii, world);
    return {
      ...cloud,
      anchor: undefined,
      pick: (q) => {
        const hit = cloud.pick(q);
        return hit && { instance: -1, distance: hit.distance };
      },
      bounds: boundsOf(pos, world),
      labels: [],
    };
  },
};
