/** Mesh3D: indexed triangles with vertex normals (computed if absent), vertex colors or an albedo factor. */
import { BufferAttribute, DoubleSide, Mesh, MeshStandardMaterial, Uint32BufferAttribute } from "three";
import { count, floats, numbers } from "../../data/cells.ts";
import { unpackRgba } from "../../data/colors.ts";
import { C } from "../../data/names.ts";
import { instanceColors } from "../shared/appearance.ts";
import { tintOverlay } from "./highlight.ts";
import { pickWhole } from "./picking.ts";
import type { Drawn, Visualizer3D } from "./types.ts";
import { boundsOf, linearColors, positionsGeometry, srgbAt } from "./util.ts";

export const mesh3d: Visualizer3D = {
  archetype: "Mesh3D",
  components: [C.Position3D, C.TriangleIndices, C.Vector3D, C.Color, C.AlbedoFactor, C.ClassId],
  draw(row, env): Drawn | null {
    const n = count(row.cells.get(C.Position3D));
    if (n === 0) return null;
    const pos = floats(row.cells.get(C.Position3D), 3);
    const geometry = positionsGeometry(pos);
    const tri = row.cells.get(C.TriangleIndices);
    if (tri && count(tri) > 0) {
      const idx = tri.items.children[0]!.values;
      geometry.setIndex(new Uint32BufferAttribute(idx instanceof Uint32Array ? idx.subarray(tri.start * 3, tri.end * 3) : Uint32Array.from(numbers(tri)), 1));
    }
    const normals = floats(row.cells.get(C.Vector3D), 3);
    if (normals.length === pos.length) geometry.setAttribute("normal", new BufferAttribute(normals, 3));
    else geometry.computeVertexNormals();
    const hasVertexColors = count(row.cells.get(C.Color)) > 0;
    const albedo = numbers(row.cells.get(C.AlbedoFactor));
    const base = albedo.length ? unpackRgba(albedo[0]!) : hasVertexColors ? ([255, 255, 255, 255] as const) : instanceColors(row, 1, env.contexts);
    if (hasVertexColors) geometry.setAttribute("color", new BufferAttribute(linearColors(instanceColors(row, n, env.contexts)), 3));
    const material = new MeshStandardMaterial({
      color: srgbAt(base, 0),
      vertexColors: hasVertexColors,
      side: DoubleSide,
      roughness: 0.8,
      transparent: base[3]! < 255,
      opacity: base[3]! / 255,
    });
    const object = new Mesh(geometry, material);
    object.matrixAutoUpdate = false;
    object.matrix.copy(env.world);
    return {
      object,
      bounds: boundsOf(pos, env.world),
      labels: [],
      pick: (q) => pickWhole(object, q),
      highlight: (_instance, color) => tintOverlay([object], color),
      dispose() {
        geometry.dispose();
        material.dispose();
      },
    };
  },
};
