/** Selection / hover rings: screen-space circle outlines around instances, drawn on top of everything. */
import { BufferAttribute, type Camera, Points, ShaderMaterial, type Vector3 } from "three";
import { POINT_SIZE_GLSL, projScale } from "./point-size.ts";
import { positionsGeometry } from "./util.ts";

const VERTEX = /* glsl */ `${POINT_SIZE_GLSL}
void main() {
  float px = placePoint();
  gl_PointSize = 2.0 * (max(px, 3.0 * uDpr) + 4.0 * uDpr);
}`;

const FRAGMENT = /* glsl */ `
uniform vec3 uColor;
void main() {
  float d = length(gl_PointCoord * 2.0 - 1.0);
  if (d > 1.0 || d < 0.72) discard;
  gl_FragColor = vec4(uColor, 1.0);
}`;

/** Rings around `anchors` (radii as for points), in `color` (sRGB 0–1). */
export function rings(anchors: readonly { position: Vector3; radius: number }[], color: [number, number, number]): { object: Points; update(camera: Camera, heightPx: number): void; dispose(): void } {
  const geometry = positionsGeometry(new Float32Array(anchors.flatMap((a) => [a.position.x, a.position.y, a.position.z])));
  geometry.setAttribute("radius", new BufferAttribute(Float32Array.from(anchors, (a) => a.radius), 1));
  const dpr = window.devicePixelRatio || 1;
  const material = new ShaderMaterial({
    vertexShader: VERTEX,
    fragmentShader: FRAGMENT,
    uniforms: { uScale: { value: 1 }, uDpr: { value: dpr }, uColor: { value: color } },
    depthTest: false,
    transparent: true,
  });
  const object = new Points(geometry, material);
  object.renderOrder = 10;
  return {
    object,
    update(camera, heightPx) {
      material.uniforms.uScale!.value = projScale(camera, heightPx) * dpr;
    },
    dispose() {
      geometry.dispose();
      material.dispose();
    },
  };
}
