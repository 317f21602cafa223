/** Points3D and Points2D: point clouds with optional radii, colors, labels and class/keypoint ids. */
import { archetypeClass, type FieldValues } from "../archetype.ts";
import * as C from "../components/index.ts";
import type { VecLike } from "../convert/vectors.ts";

const POINTS3D = {
  positions: [C.Position3D, "required"],
  radii: [C.Radius, "recommended"],
  colors: [C.Color, "recommended"],
  labels: [C.Text, "optional"],
  showLabels: [C.ShowLabels, "optional"],
  classIds: [C.ClassId, "optional"],
  keypointIds: [C.KeypointId, "optional"],
} as const;

const POINTS2D = {
  positions: [C.Position2D, "required"],
  radii: [C.Radius, "recommended"],
  colors: [C.Color, "recommended"],
  labels: [C.Text, "optional"],
  showLabels: [C.ShowLabels, "optional"],
  drawOrder: [C.DrawOrder, "optional"],
  classIds: [C.ClassId, "optional"],
  keypointIds: [C.KeypointId, "optional"],
} as const;

/** The fields of Points3D. */
export type Points3DFields = FieldValues<typeof POINTS3D>;
/** The fields of Points2D. */
export type Points2DFields = FieldValues<typeof POINTS2D>;

/** A 3D point cloud: `new Points3D(positions, { colors, radii })`, positions flat (Float32Array of 3n) or [[x, y, z], …]. */
export class Points3D extends archetypeClass("Points3D", POINTS3D) {
  constructor(positions: VecLike, opts: Omit<Points3DFields, "positions"> = {}) {
    super({ ...opts, positions });
  }
}

/** A 2D point cloud: `new Points2D(positions, { colors, radii })`, positions flat (2n numbers) or [[x, y], …]. */
export class Points2D extends archetypeClass("Points2D", POINTS2D) {
  constructor(positions: VecLike, opts: Omit<Points2DFields, "positions"> = {}) {
    super({ ...opts, positions });
  }
}
