/** Images logged under a Pinhole, shown in the 3D view on the camera's image plane (as Rerun does). */
import { Box3, BufferAttribute, CanvasTexture, DoubleSide, Mesh, MeshBasicMaterial, NearestFilter, SRGBColorSpace, Texture } from "three";
import { type EntityRow, firstNumber } from "../../data/cells.ts";
import { parentOf } from "../../data/catalog.ts";
import { C } from "../../data/names.ts";
import { type ImageKind, loadImage } from "../shared/image-cache.ts";
import { cameraOf, imagePoint } from "./pinhole.ts";
import { pickWhole } from "./picking.ts";
import type { Drawn, Visualizer3D } from "./types.ts";
import { positionsGeometry } from "./util.ts";

/** The nearest ancestor row carrying a Pinhole projection. */
export function pinholeAbove(rows: ReadonlyMap<string, EntityRow>, path: string): EntityRow | null {
  for (let p = parentOf(path); p !== null; p = parentOf(p)) {
    const row = rows.get(p);
    if (row?.cells.has(C.PinholeProjection)) return row;
  }
  return null;
}

function cameraImage(kind: ImageKind, components: readonly string[]): Visualizer3D {
  return {
    archetype: kind,
    components,
    draw(row, env): Drawn | null {
      const pin = pinholeAbove(env.rows, row.path);
      const cam = pin && cameraOf(pin, env.sceneSize);
      if (!cam) return null;
      const corners = [[0, 0], [cam.width, 0], [cam.width, cam.height], [0, cam.height]].map(([u, v]) => imagePoint(cam, u!, v!, env.world));
      const geometry = positionsGeometry(new Float32Array(corners.flatMap((c) => [c.x, c.y, c.z])));
      geometry.setAttribute("uv", new BufferAttribute(new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]), 2));
      geometry.setIndex([0, 1, 2, 0, 2, 3]);
      const opacity = firstNumber(row.cells.get(C.Opacity), kind === "SegmentationImage" ? 0.5 : 1);
      const material = new MeshBasicMaterial({ side: DoubleSide, transparent: opacity < 1, opacity, visible: false });
      let texture: Texture | null = null;
      const apply = () => {
        const b = loadImage(row, kind, env.contexts, () => {});
        if (!b || texture) return;
        texture = new CanvasTexture(b.source);
        texture.colorSpace = SRGBColorSpace;
        texture.flipY = false; // not supported for ImageBitmap sources: the uvs put row 0 at the top instead
        texture.magFilter = NearestFilter;
        material.map = texture;
        material.visible = true;
        material.needsUpdate = true;
        env.invalidate();
      };
      if (loadImage(row, kind, env.contexts, apply)) apply();
      const object = new Mesh(geometry, material);
      return {
        object,
        bounds: new Box3().setFromPoints(corners),
        labels: [],
        pick: (q) => pickWhole(object, q),
        dispose() {
          geometry.dispose();
          material.dispose();
          texture?.dispose();
        },
      };
    },
  };
}

const RAW = [C.ImageBuffer, C.ImageFormat, C.Opacity];

/** Camera images of the color and segmentation image archetypes (depth images become point clouds, depth-cloud.ts). */
export const CAMERA_IMAGES: readonly Visualizer3D[] = [
  cameraImage("Image", RAW),
  cameraImage("EncodedImage", [C.Blob, C.MediaType, C.Opacity]),
  cameraImage("SegmentationImage", RAW),
];
