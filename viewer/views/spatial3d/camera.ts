/** Rerun's default eye: looking mostly "forward" (up × right), a bit right and down, at the scene's bounds. */
import type { Box3, PerspectiveCamera } from "three";
import { Vector3 } from "three";

/** The right axis of ViewCoordinates codes (default +X). */
export function rightVector(xyz: ArrayLike<number> | null): Vector3 {
  if (xyz && xyz.length === 3) {
    for (let i = 0; i < 3; i++) {
      if (xyz[i] === 3) return new Vector3().setComponent(i, 1);
      if (xyz[i] === 4) return new Vector3().setComponent(i, -1);
    }
  }
  return new Vector3(1, 0, 0);
}

/** Places `camera` to frame `bounds`; returns the orbit target. */
export function defaultEye(camera: PerspectiveCamera, bounds: Box3, up: Vector3, right: Vector3): Vector3 {
  const center = bounds.isEmpty() ? new Vector3() : bounds.getCenter(new Vector3());
  const radius = bounds.isEmpty() ? 1 : Math.max(bounds.getSize(new Vector3()).length() / 2, 1e-3);
  if (Math.abs(right.dot(up)) > 0.9) right = new Vector3(1, 0, 0).dot(up) > 0.9 ? new Vector3(0, 1, 0) : new Vector3(1, 0, 0);
  const fwd = up.clone().cross(right);
  const dir = fwd.multiplyScalar(0.75).addScaledVector(right, 0.25).addScaledVector(up, -0.25).normalize();
  // Rerun stands 1.5 bounding radii away; we stand where the bounding box just fits (wide, flat scenes would be cut).
  const camRight = dir.clone().cross(up).normalize(), camUp = camRight.clone().cross(dir).normalize();
  const tanV = Math.tan((camera.fov * Math.PI) / 360) * 0.9, tanH = tanV * camera.aspect;
  let dist = 0;
  if (!bounds.isEmpty()) {
    for (let k = 0; k < 8; k++) {
      const p = new Vector3(k & 1 ? bounds.max.x : bounds.min.x, k & 2 ? bounds.max.y : bounds.min.y, k & 4 ? bounds.max.z : bounds.min.z).sub(center);
      const along = p.dot(dir);
      dist = Math.max(dist, Math.abs(p.dot(camRight)) / tanH - along, Math.abs(p.dot(camUp)) / tanV - along);
    }
  }
  dist = dist > 0 ? Math.max(dist, radius * 0.2) : 1.5 * radius;
  camera.up.copy(up);
  camera.position.copy(center).addScaledVector(dir, -dist);
  camera.near = dist / 1000;
  camera.far = dist * 100;
  camera.lookAt(center);
  camera.updateProjectionMatrix();
  return center;
}
