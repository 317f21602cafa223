/** The archetypes the 3D view draws, one visualizer each. */
import { arrows3d } from "./arrows.ts";
import { asset3d } from "./asset.ts";
import { CAMERA_IMAGES } from "./camera-images.ts";
import { transformAxes } from "./axes.ts";
import { boxes3d } from "./boxes.ts";
import { depthCloud } from "./depth-cloud.ts";
import { lineStrips3d } from "./lines.ts";
import { mesh3d } from "./mesh.ts";
import { pinhole } from "./pinhole.ts";
import { points3d } from "./points.ts";
import type { Visualizer3D } from "./types.ts";

export const VISUALIZERS_3D: readonly Visualizer3D[] = [points3d, lineStrips3d, boxes3d, arrows3d, mesh3d, asset3d, pinhole, transformAxes, ...CAMERA_IMAGES, depthCloud];
