/** Spatial components (spec §6.1). */
import { F32, U32, U8, fsl, list } from "../../store/arrow/make.ts";
import { fslArray, primitiveArray } from "../../store/arrow/typed.ts";
import { defineComponent } from "../component.ts";
import { type EnumLike, enumArray, f32Array, numbers, type NumbersLike } from "../convert/numbers.ts";
import { AXIS_ANGLE, type AxisAngle, axisAngleArray, type Mat3Like, mat3Array, stripsArray, type VecLike, vecArray } from "../convert/vectors.ts";

const vec = (short: string, n: number) => defineComponent(short, fsl(n, F32), (v: VecLike) => vecArray(n, v));
const mat = (short: string) => defineComponent(short, fsl(9, F32), (v: Mat3Like | readonly Mat3Like[]) => mat3Array(v));
const axisAngle = (short: string) => defineComponent(short, AXIS_ANGLE, (v: AxisAngle | readonly AxisAngle[]) => axisAngleArray(v));

/** A 3D point [x, y, z]. */
export const Position3D = vec("Position3D", 3);
/** A 2D point [x, y]. */
export const Position2D = vec("Position2D", 2);
/** A 3D vector (arrows, mesh normals). */
export const Vector3D = vec("Vector3D", 3);
/** A 2D vector. */
export const Vector2D = vec("Vector2D", 2);
/** Box half-extents in local coordinates. */
export const HalfSize3D = vec("HalfSize3D", 3);
/** 2D box half-extents. */
export const HalfSize2D = vec("HalfSize2D", 2);
/** An entity's translation. */
export const Translation3D = vec("Translation3D", 3);
/** An entity's per-axis scale. */
export const Scale3D = vec("Scale3D", 3);
/** An entity's rotation, quaternion x, y, z, w. */
export const RotationQuat = vec("RotationQuat", 4);
/** A per-instance translation (Boxes3D centers, InstancePoses3D). */
export const PoseTranslation3D = vec("PoseTranslation3D", 3);
/** A per-instance scale. */
export const PoseScale3D = vec("PoseScale3D", 3);
/** A per-instance rotation quaternion (x, y, z, w). */
export const PoseRotationQuat = vec("PoseRotationQuat", 4);
/** A texture coordinate (UV, origin top-left). */
export const Texcoord2D = vec("Texcoord2D", 2);
/** An image size [width, height] in pixels. */
export const Resolution = vec("Resolution", 2);
/** An entity's 3×3 transform, column-major. */
export const TransformMat3x3 = mat("TransformMat3x3");
/** A per-instance 3×3 transform, column-major. */
export const PoseTransformMat3x3 = mat("PoseTransformMat3x3");
/** Camera intrinsics (image from camera), column-major. */
export const PinholeProjection = mat("PinholeProjection");
/** An entity's rotation about an axis, in radians. */
export const RotationAxisAngle = axisAngle("RotationAxisAngle");
/** A per-instance axis-angle rotation. */
export const PoseRotationAxisAngle = axisAngle("PoseRotationAxisAngle");
/** Length of the drawn transform axes. */
export const AxisLength = defineComponent("AxisLength", F32, (v: NumbersLike) => f32Array(v));
/** How far from a pinhole its image plane is drawn. */
export const ImagePlaneDistance = defineComponent("ImagePlaneDistance", F32, (v: NumbersLike) => f32Array(v));
/** ParentFromChild (1, default) or ChildFromParent (2). */
export const TransformRelation = defineComponent("TransformRelation", U8, (v: EnumLike) => enumArray(["ParentFromChild", "ChildFromParent"], v));
/** A 3D polyline: points connected in order. */
export const LineStrip3D = defineComponent("LineStrip3D", list(fsl(3, F32)), (v: readonly VecLike[]) => stripsArray(3, v));
/** A 2D polyline. */
export const LineStrip2D = defineComponent("LineStrip2D", list(fsl(2, F32)), (v: readonly VecLike[]) => stripsArray(2, v));

/** Triangles as vertex-index triples: flat (a Uint32Array of 3n) or one array per triangle. */
export const TriangleIndices = defineComponent("TriangleIndices", fsl(3, U32), (v: VecLike) => {
  const nested = !ArrayBuffer.isView(v) && v.length > 0 && typeof (v as ArrayLike<unknown>)[0] === "object";
  const flat = nested ? Uint32Array.from((v as readonly ArrayLike<number>[]).flatMap((t) => Array.from(t))) : numbers(Uint32Array, v as ArrayLike<number>);
  return fslArray(3, primitiveArray(U32, flat));
});

const DIRS = ["U", "D", "R", "L", "F", "B"];

/** Axis directions for x, y, z: a code such as "RDF", or the numbers 1 Up, 2 Down, 3 Right, 4 Left, 5 Forward, 6 Back. */
export type ViewCoordinatesLike = string | ArrayLike<number>;

/** The three direction numbers of a view-coordinates code. */
export function viewCodes(v: ViewCoordinatesLike): Uint8Array {
  const codes = typeof v === "string" ? Uint8Array.from(v.toUpperCase(), (ch) => DIRS.indexOf(ch) + 1) : Uint8Array.from(v);
  const axes = new Set(Array.from(codes, (c) => (c + 1) >> 1));
  if (codes.length !== 3 || codes.some((c) => c < 1 || c > 6) || axes.size !== 3) throw new RangeError(`invalid view coordinates ${JSON.stringify(typeof v === "string" ? v : Array.from(v))}`);
  return codes;
}

/** What the x, y and z axes mean (up, right, forward…). */
export const ViewCoordinates = defineComponent("ViewCoordinates", fsl(3, U8), (v: ViewCoordinatesLike) => fslArray(3, primitiveArray(U8, viewCodes(v))));
