/** Transform3D (an entity's transform to its parent) and InstancePoses3D (per-instance poses). */
import { archetypeClass, type FieldValues } from "../archetype.ts";
import * as C from "../components/index.ts";
import type { EnumLike } from "../convert/numbers.ts";
import type { AxisAngle, Mat3Like, VecLike } from "../convert/vectors.ts";

const TRANSFORM = {
  translation: [C.Translation3D, "optional"],
  rotationAxisAngle: [C.RotationAxisAngle, "optional"],
  quaternion: [C.RotationQuat, "optional"],
  scale: [C.Scale3D, "optional"],
  mat3x3: [C.TransformMat3x3, "optional"],
  relation: [C.TransformRelation, "optional"],
  axisLength: [C.AxisLength, "optional"],
} as const;

const POSES = {
  translations: [C.PoseTranslation3D, "optional"],
  rotationAxisAngles: [C.PoseRotationAxisAngle, "optional"],
  quaternions: [C.PoseRotationQuat, "optional"],
  scales: [C.PoseScale3D, "optional"],
  mat3x3: [C.PoseTransformMat3x3, "optional"],
} as const;

/** The fields of Transform3D. */
export type Transform3DFields = FieldValues<typeof TRANSFORM>;
/** The fields of InstancePoses3D. */
export type InstancePoses3DFields = FieldValues<typeof POSES>;

/** A quaternion in x, y, z, w order (Python's `rr.Quaternion(xyzw=…)`). */
export interface Quaternion {
  xyzw: ArrayLike<number>;
}

/** Transform3D's arguments, as Python's keyword arguments. */
export interface Transform3DOptions {
  translation?: ArrayLike<number>;
  /** A quaternion or an axis-angle rotation. */
  rotation?: Quaternion | AxisAngle;
  rotationAxisAngle?: AxisAngle;
  quaternion?: ArrayLike<number> | Quaternion;
  /** Per-axis scale, or one number for a uniform scale. */
  scale?: ArrayLike<number> | number;
  mat3x3?: Mat3Like;
  /** True: the transform maps the parent's space into this entity's (relation ChildFromParent). */
  fromParent?: boolean;
  relation?: EnumLike;
  axisLength?: number;
  /** Log every unspecified field as empty (default true, as in Python): the new transform replaces the old one. */
  clear?: boolean;
}

/** An entity's transform: `new Transform3D({ translation: [1, 0, 0], rotation: { axis: [0, 0, 1], degrees: 90 } })`. */
export class Transform3D extends archetypeClass("Transform3D", TRANSFORM) {
  constructor(o: Transform3DOptions = {}) {
    const q = o.quaternion ?? (o.rotation && "xyzw" in o.rotation ? o.rotation : undefined);
    const axisAngle = o.rotationAxisAngle ?? (o.rotation && "axis" in o.rotation ? o.rotation : undefined);
    super({
      translation: o.translation,
      rotationAxisAngle: axisAngle,
      quaternion: q === undefined ? undefined : "xyzw" in q ? q.xyzw : q,
      scale: typeof o.scale === "number" ? [o.scale, o.scale, o.scale] : o.scale,
      mat3x3: o.mat3x3,
      relation: o.relation ?? (o.fromParent ? "ChildFromParent" : undefined),
      axisLength: o.axisLength,
    }, o.clear ?? true);
  }
}

/** Per-instance poses (applied to every instance of the entity's archetypes): `new InstancePoses3D({ translations })`. */
export class InstancePoses3D extends archetypeClass("InstancePoses3D", POSES) {
  constructor(o: Omit<InstancePoses3DFields, "scales"> & { scales?: VecLike | number } = {}) {
    super({ ...o, scales: typeof o.scales === "number" ? [o.scales, o.scales, o.scales] : o.scales });
  }
}
