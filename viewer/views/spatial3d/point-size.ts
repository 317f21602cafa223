/** How big a point is on screen, the same for point splats and their selection rings. */
import type { Camera } from "three";

/**
 * GLSL: the `radius` attribute (negative = UI points, else world units), the uniforms `uScale`
 * (projScale × device pixel ratio) and `uDpr`, and `placePoint()`, which sets gl_Position and
 * returns the point's radius in device pixels.
 */
export const POINT_SIZE_GLSL = /* glsl */ `
attribute float radius;
uniform float uScale;
uniform float uDpr;
float placePoint() {
  vec4 mv = modelViewMatrix * vec4(position, 1.0);
  gl_Position = projectionMatrix * mv;
  return radius < 0.0 ? -radius * uDpr : radius * uScale / max(-mv.z, 1e-6);
}`;

/** Pixels per world unit at distance 1 for a perspective camera `heightPx` tall. */
export function projScale(camera: Camera, heightPx: number): number {
  const fov = (camera as { fov?: number }).fov ?? 50;
  return heightPx / (2 * Math.tan((fov * Math.PI) / 360));
}
