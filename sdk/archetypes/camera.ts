/** Pinhole (camera intrinsics) and ViewCoordinates (what x, y, z mean), with Python's named constants. */
import { archetypeClass, type FieldValues, guarded } from "../archetype.ts";
import * as C from "../components/index.ts";
import type { ViewCoordinatesLike } from "../components/spatial.ts";
import type { Mat3Like } from "../convert/vectors.ts";

const PINHOLE = {
  imageFromCamera: [C.PinholeProjection, "required"],
  resolution: [C.Resolution, "recommended"],
  cameraXyz: [C.ViewCoordinates, "optional"],
  imagePlaneDistance: [C.ImagePlaneDistance, "optional"],
} as const;

const VIEW = { xyz: [C.ViewCoordinates, "required"] } as const;

/** The fields of Pinhole. */
export type PinholeFields = FieldValues<typeof PINHOLE>;

/** Pinhole's arguments, as Python's keyword arguments. */
export interface PinholeOptions {
  /** The 3×3 intrinsics (rows, or 9 column-major numbers). Otherwise built from focal length and principal point. */
  imageFromCamera?: Mat3Like;
  resolution?: ArrayLike<number>;
  width?: number;
  height?: number;
  /** In pixels: one number or [fx, fy]. */
  focalLength?: number | ArrayLike<number>;
  /** Default: the image center. */
  principalPoint?: ArrayLike<number>;
  /** Vertical field of view in radians, with `aspectRatio` (then the resolution is [aspectRatio, 1]). */
  fovY?: number;
  aspectRatio?: number;
  cameraXyz?: ViewCoordinatesLike;
  imagePlaneDistance?: number;
}

function intrinsics(o: PinholeOptions): PinholeFields {
  let resolution = o.resolution ?? (o.width !== undefined && o.height !== undefined ? [o.width, o.height] : undefined);
  let focal = o.focalLength;
  if (!o.imageFromCamera && o.fovY !== undefined && o.aspectRatio !== undefined) {
    focal = 0.5 / Math.tan(Math.max(o.fovY * 0.5, 1.19209e-7));
    resolution = [o.aspectRatio, 1];
  }
  let imageFromCamera = o.imageFromCamera;
  if (!imageFromCamera) {
    if (focal === undefined) throw new RangeError("Pinhole needs imageFromCamera, focalLength or fovY with aspectRatio");
    const [fx, fy] = typeof focal === "number" ? [focal, focal] : [focal[0]!, focal[1]!];
    const pp = o.principalPoint ?? (resolution ? [resolution[0]! / 2, resolution[1]! / 2] : undefined);
    if (!pp) throw new RangeError("Pinhole needs a principal point or a resolution");
    imageFromCamera = [[fx, 0, pp[0]!], [0, fy, pp[1]!], [0, 0, 1]];
  }
  return { imageFromCamera, resolution, cameraXyz: o.cameraXyz, imagePlaneDistance: o.imagePlaneDistance };
}

/** A pinhole camera: `new Pinhole({ focalLength: 500, width: 640, height: 480 })`. */
export class Pinhole extends archetypeClass("Pinhole", PINHOLE) {
  constructor(o: PinholeOptions) {
    super(guarded("Pinhole", () => intrinsics(o)));
  }
}

type UD = "U" | "D";
type LR = "L" | "R";
type FB = "F" | "B";
/** Every valid three-letter code, e.g. "RDF" (x Right, y Down, z Forward). */
export type ViewCode = `${UD}${LR}${FB}` | `${UD}${FB}${LR}` | `${LR}${UD}${FB}` | `${LR}${FB}${UD}` | `${FB}${UD}${LR}` | `${FB}${LR}${UD}`;
type Handed = `${"RIGHT" | "LEFT"}_HAND_${"X" | "Y" | "Z"}_${"UP" | "DOWN"}`;

const HANDED: Record<Handed, ViewCode> = {
  RIGHT_HAND_X_UP: "URF", RIGHT_HAND_X_DOWN: "DRB", RIGHT_HAND_Y_UP: "RUB", RIGHT_HAND_Y_DOWN: "RDF", RIGHT_HAND_Z_UP: "RFU", RIGHT_HAND_Z_DOWN: "RBD",
  LEFT_HAND_X_UP: "URB", LEFT_HAND_X_DOWN: "DRF", LEFT_HAND_Y_UP: "RUF", LEFT_HAND_Y_DOWN: "RDB", LEFT_HAND_Z_UP: "RBU", LEFT_HAND_Z_DOWN: "RFD",
};

class ViewCoordinatesBase extends archetypeClass("ViewCoordinates", VIEW) {
  constructor(xyz: ViewCoordinatesLike) {
    super({ xyz });
  }
}

const codes: string[] = [];
for (const a of "UDLRFB") for (const b of "UDLRFB") for (const c of "UDLRFB") if (new Set([a, b, c].map((d) => "UDLRFB".indexOf(d) >> 1)).size === 3) codes.push(a + b + c);
const constants = Object.fromEntries([
  ...codes.map((k) => [k, new ViewCoordinatesBase(k)]),
  ...Object.entries(HANDED).map(([k, v]) => [k, new ViewCoordinatesBase(v)]),
]) as Record<ViewCode | Handed, ViewCoordinatesBase>;

/** What the axes mean: `new ViewCoordinates("RDF")`, or Python's constants `ViewCoordinates.RIGHT_HAND_Z_UP`, `ViewCoordinates.RDF`. */
export const ViewCoordinates: typeof ViewCoordinatesBase & Record<ViewCode | Handed, ViewCoordinatesBase> = Object.assign(ViewCoordinatesBase, constants);
/** A ViewCoordinates value. */
export type ViewCoordinates = ViewCoordinatesBase;
