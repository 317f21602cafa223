/** Boxes3D and Boxes2D. Like Python: give `halfSizes`, or `sizes` (full extents); `mins` instead of `centers`. */
import { archetypeClass, type FieldValues, guarded } from "../archetype.ts";
import * as C from "../components/index.ts";
import { flatF32, type VecLike } from "../convert/vectors.ts";

const BOXES3D = {
  halfSizes: [C.HalfSize3D, "required"],
  centers: [C.PoseTranslation3D, "recommended"],
  rotationAxisAngles: [C.PoseRotationAxisAngle, "optional"],
  quaternions: [C.PoseRotationQuat, "optional"],
  colors: [C.Color, "recommended"],
  radii: [C.Radius, "optional"],
  fillMode: [C.FillMode, "optional"],
  labels: [C.Text, "optional"],
  showLabels: [C.ShowLabels, "optional"],
  classIds: [C.ClassId, "optional"],
} as const;

const BOXES2D = {
  halfSizes: [C.HalfSize2D, "required"],
  centers: [C.Position2D, "recommended"],
  colors: [C.Color, "recommended"],
  radii: [C.Radius, "optional"],
  labels: [C.Text, "optional"],
  showLabels: [C.ShowLabels, "optional"],
  drawOrder: [C.DrawOrder, "optional"],
  classIds: [C.ClassId, "optional"],
} as const;

/** Extra ways to give a box's extent and position. */
export interface BoxShape {
  /** Full sizes (halved into halfSizes). */
  sizes?: VecLike;
  /** Minimum corners (turned into centers = mins + halfSizes). */
  mins?: VecLike;
}

/** The fields of Boxes3D. */
export type Boxes3DFields = FieldValues<typeof BOXES3D>;
/** The fields of Boxes2D. */
export type Boxes2DFields = FieldValues<typeof BOXES2D>;

/** `halfSizes`/`centers` from `sizes`/`mins` when given. */
function shape<F extends { halfSizes?: VecLike | null; centers?: VecLike | null }>(n: number, opts: F & BoxShape): F {
  const { sizes, mins, ...rest } = opts;
  const out = { ...rest } as unknown as F;
  if (sizes !== undefined) out.halfSizes = flatF32(n, sizes).map((s) => s / 2);
  if (mins !== undefined && out.halfSizes) {
    const half = flatF32(n, out.halfSizes);
    out.centers = flatF32(n, mins).map((m, i) => m + half[i % half.length]!);
  }
  return out;
}

/** 3D boxes: `new Boxes3D({ halfSizes | sizes, centers | mins, colors, … })`. */
export class Boxes3D extends archetypeClass("Boxes3D", BOXES3D) {
  constructor(opts: Boxes3DFields & BoxShape) {
    super(guarded("Boxes3D", () => shape(3, opts)));
  }
}

/** 2D boxes: `new Boxes2D({ halfSizes | sizes, centers | mins, colors, … })`. */
export class Boxes2D extends archetypeClass("Boxes2D", BOXES2D) {
  constructor(opts: Boxes2DFields & BoxShape) {
    super(guarded("Boxes2D", () => shape(2, opts)));
  }
}
