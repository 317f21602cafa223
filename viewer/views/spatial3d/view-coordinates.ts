/** ViewCoordinates (per axis: 1 Up, 2 Down, 3 Right, 4 Left, 5 Forward, 6 Back) → up vector and bases. */
import { Matrix3, Vector3 } from "three";

/** The direction (in RDF terms) each code stands for. */
const RDF: Record<number, [number, number, number]> = {
  1: [0, -1, 0], 2: [0, 1, 0], 3: [1, 0, 0], 4: [-1, 0, 0], 5: [0, 0, 1], 6: [0, 0, -1],
};

/** The matrix taking RDF coordinates into the coordinates described by `xyz`. */
export function basisFromViewCoordinates(xyz: [number, number, number]): Matrix3 {
  // Column i of toRdf is the RDF direction of axis i; its inverse (= transpose) maps RDF → xyz.
  const cols = xyz.map((c) => RDF[c] ?? [0, 0, 0]);
  const toRdf = new Matrix3().set(
    cols[0]![0], cols[1]![0], cols[2]![0],
    cols[0]![1], cols[1]![1], cols[2]![1],
    cols[0]![2], cols[1]![2], cols[2]![2],
  );
  return toRdf.transpose();
}

/** The world "up" of a space from its ViewCoordinates (default +Z, as in Rerun). */
export function upVector(xyz: ArrayLike<number> | null): Vector3 {
  if (!xyz || xyz.length !== 3) return new Vector3(0, 0, 1);
  for (let i = 0; i < 3; i++) {
    if (xyz[i] === 1) return new Vector3().setComponent(i, 1);
    if (xyz[i] === 2) return new Vector3().setComponent(i, -1);
  }
  return new Vector3(0, 0, 1);
}
