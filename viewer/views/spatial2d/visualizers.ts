/** The archetypes the 2D view draws, one visualizer each. */
import { depthImage, encodedImageVis, image, segmentationImage } from "./images.ts";
import { arrows2d, boxes2d, lineStrips2d, points2d } from "./shapes.ts";
import type { Visualizer2D } from "./types.ts";

export const VISUALIZERS_2D: readonly Visualizer2D[] = [image, encodedImageVis, depthImage, segmentationImage, boxes2d, lineStrips2d, arrows2d, points2d];
