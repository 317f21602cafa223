/**
 * Transform3D → matrices and the transform hierarchy: an entity's pose in the view is the product
 * of its ancestors' transforms from the view origin down (translation · rotation · scale · mat3x3,
 * inverted for ChildFromParent).
 */
import { Matrix3, Matrix4, Quaternion, Vector3 } from "three";
import { type EntityRow, firstNumber, floats, values } from "../../data/cells.ts";
import { isUnder, parentOf } from "../../data/catalog.ts";
import { C } from "../../data/names.ts";

/** The Transform3D of one entity as a matrix (identity when it has none). */
function localTransform(row: EntityRow | undefined): Matrix4 {
  const m = new Matrix4();
  if (!row) return m;
  const t = floats(row.cells.get(C.Translation3D), 3);
  const q = floats(row.cells.get(C.RotationQuat), 4);
  const aa = values(row.cells.get(C.RotationAxisAngle))[0] as { axis: number[]; angle: number } | undefined;
  const s = floats(row.cells.get(C.Scale3D), 3);
  const m3 = floats(row.cells.get(C.TransformMat3x3), 9);
  const pos = t.length === 3 ? new Vector3(t[0], t[1], t[2]) : new Vector3();
  const rot = new Quaternion();
  if (q.length === 4) rot.set(q[0]!, q[1]!, q[2]!, q[3]!).normalize();
  if (aa?.axis && aa.angle !== null) rot.multiply(new Quaternion().setFromAxisAngle(new Vector3(...aa.axis).normalize(), aa.angle));
  const scale = s.length === 3 ? new Vector3(s[0], s[1], s[2]) : new Vector3(1, 1, 1);
  m.compose(pos, rot, scale);
  if (m3.length === 9) m.multiply(new Matrix4().setFromMatrix3(new Matrix3().fromArray(m3)));
  if (firstNumber(row.cells.get(C.TransformRelation), 1) === 2) m.invert();
  return m;
}

/** Pose of every entity of `rows` (and their parents) relative to `origin`, memoized per path. */
export function worldTransforms(rows: ReadonlyMap<string, EntityRow>, origin: string): (path: string) => Matrix4 {
  const memo = new Map<string, Matrix4>();
  const world = (path: string): Matrix4 => {
    let m = memo.get(path);
    if (m) return m;
    const parent = parentOf(path);
    if (path === origin || parent === null || !isUnder(path, origin)) m = new Matrix4();
    else m = world(parent).clone().multiply(localTransform(rows.get(path)));
    memo.set(path, m);
    return m;
  };
  return world;
}

/** The instance poses of Boxes3D-like archetypes: per-instance translation and rotation. */
export function instancePose(row: EntityRow, i: number): { position: Vector3; rotation: Quaternion } {
  const c = floats(row.cells.get(C.PoseTranslation3D), 3);
  const q = floats(row.cells.get(C.PoseRotationQuat), 4);
  const aa = values(row.cells.get(C.PoseRotationAxisAngle)) as ({ axis: number[]; angle: number } | null)[];
  const k = (arr: ArrayLike<number>, n: number) => Math.min(i, arr.length / n - 1) * n;
  const position = c.length ? new Vector3(c[k(c, 3)], c[k(c, 3) + 1], c[k(c, 3) + 2]) : new Vector3();
  const rotation = new Quaternion();
  if (q.length) rotation.set(q[k(q, 4)]!, q[k(q, 4) + 1]!, q[k(q, 4) + 2]!, q[k(q, 4) + 3]!).normalize();
  const a = aa.length ? aa[Math.min(i, aa.length - 1)] : null;
  if (a) rotation.multiply(new Quaternion().setFromAxisAngle(new Vector3(...a.axis).normalize(), a.angle));
  return { position, rotation };
}
