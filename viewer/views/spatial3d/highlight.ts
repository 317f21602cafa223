/** The selection / hover highlight of solid shapes: a translucent copy of their triangles in the highlight color. */
import { Color, DoubleSide, Group, Matrix4, Mesh, MeshBasicMaterial, type Object3D } from "three";
import type { Overlay } from "./types.ts";

const TINT_OPACITY = 0.45;

/** The pose of `o` in the scene from its and its ancestors' local matrices (three updates world matrices only when rendering). */
function sceneMatrix(o: Object3D): Matrix4 {
  const m = new Matrix4();
  for (let p: Object3D | null = o; p; p = p.parent) {
    if (p.matrixAutoUpdate) p.updateMatrix();
    m.premultiply(p.matrix);
  }
  return m;
}

/** Tints `meshes` (already posed in the scene) with `color` (sRGB 0–1), drawn just in front of them; shares their geometry. */
export function tintOverlay(meshes: readonly Mesh[], [r, g, b]: [number, number, number]): Overlay | null {
  if (meshes.length === 0) return null;
  const material = new MeshBasicMaterial({
    color: new Color().setRGB(r, g, b, "srgb"),
    transparent: true,
    opacity: TINT_OPACITY,
    depthWrite: false,
    side: DoubleSide,
    polygonOffset: true,
    polygonOffsetFactor: -1,
    polygonOffsetUnits: -1,
  });
  const group = new Group();
  for (const mesh of meshes) {
    const copy = new Mesh(mesh.geometry, material);
    copy.matrixAutoUpdate = false;
    copy.matrix.copy(sceneMatrix(mesh));
    group.add(copy);
  }
  return { object: group, dispose: () => material.dispose() };
}
