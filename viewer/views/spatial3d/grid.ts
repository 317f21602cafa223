/** The ground grid of a 3D view: perpendicular to the up axis, through the origin, under the scene, spaced in powers of ten. */
import { type Box3, GridHelper, Vector3 } from "three";

/** A grid sized for `bounds` (empty bounds: a 10-unit grid). */
export function groundGrid(bounds: Box3, up: Vector3): GridHelper {
  const extent = bounds.isEmpty() ? 10 : bounds.getSize(new Vector3()).length();
  const spacing = 10 ** Math.floor(Math.log10(Math.max(extent, 1e-3) / 2));
  const divisions = 2 * Math.min(100, Math.ceil((extent * 0.75) / spacing));
  const grid = new GridHelper(divisions * spacing, divisions, 0x33373c, 0x25282c);
  grid.quaternion.setFromUnitVectors(new Vector3(0, 1, 0), up);
  const c = bounds.isEmpty() ? new Vector3() : bounds.getCenter(new Vector3());
  c.addScaledVector(up, -c.dot(up));
  grid.position.set(Math.round(c.x / spacing) * spacing, Math.round(c.y / spacing) * spacing, Math.round(c.z / spacing) * spacing);
  return grid;
}
