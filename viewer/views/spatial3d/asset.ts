/**
 * Asset3D: glTF / GLB, OBJ and STL blobs parsed by three's loaders (the media type guessed from the
 * bytes when it is missing), posed by the entity's transform; `albedo_factor` replaces the base color
 * of every material, as in Rerun. Parsed models are cached per (entity, row id, media type).
 */
import { Box3, Color, DoubleSide, Group, type Material, Mesh, MeshStandardMaterial, type Object3D, Texture } from "three";
import { GLTFLoader } from "three/examples/jsm/loaders/GLTFLoader.js";
import { OBJLoader } from "three/examples/jsm/loaders/OBJLoader.js";
import { STLLoader } from "three/examples/jsm/loaders/STLLoader.js";
import { type EntityRow, numbers, strings } from "../../data/cells.ts";
import { unpackRgba } from "../../data/colors.ts";
import { C } from "../../data/names.ts";
import { bytesOf } from "../shared/image-cache.ts";
import { tintOverlay } from "./highlight.ts";
import { pickWhole } from "./picking.ts";
import type { Drawn, Visualizer3D } from "./types.ts";
import { srgbAt } from "./util.ts";

/** Parsed models kept beyond those used in the last KEEP_MS (older ones are freed). */
const MAX_MODELS = 32, KEEP_MS = 1000;
type Cached = Object3D | Promise<Object3D | null> | null;
/** Parsed (or parsing, or unreadable: null) models, least recently used first. */
const models = new Map<string, { model: Cached; used: number }>();
/** Models being parsed, and who waits for them: all are told when the last one is done, so models logged together appear (and fit the camera) together. */
let loading = 0;
const waiting = new Set<() => void>();

/** The media type of model bytes: the GLB magic, a binary STL's size, ascii STL's "solid", glTF JSON, OBJ statements; null if none fits. */
export function guessMediaType(b: Uint8Array): string | null {
  const head = new TextDecoder().decode(b.subarray(0, 512));
  if (head.startsWith("glTF")) return "model/gltf-binary";
  if (b.length >= 84 && 84 + 50 * new DataView(b.buffer, b.byteOffset + 80, 4).getUint32(0, true) === b.length) return "model/stl";
  const text = head.trimStart();
  if (text.startsWith("solid")) return "model/stl";
  if (text.startsWith("{")) return "model/gltf+json";
  if (/^(v|vn|vt|f|o|g|#|mtllib|usemtl)\s/m.test(text)) return "model/obj";
  return null;
}

/** The meshes in `object` and below it. */
function meshesOf(object: Object3D): Mesh[] {
  const out: Mesh[] = [];
  object.traverse((o) => o instanceof Mesh && out.push(o));
  return out;
}

/** The materials of `mesh` as a list. */
const materialsOf = (mesh: Mesh): Material[] => (Array.isArray(mesh.material) ? mesh.material : [mesh.material]);

/** Parses model bytes of media type `type` into a three.js object. */
async function parse(bytes: Uint8Array, type: string | null): Promise<Object3D> {
  const buffer = bytes.slice().buffer;
  if (type === "model/gltf-binary" || type === "model/gltf+json") return (await new GLTFLoader().parseAsync(buffer, "")).scene;
  if (type === "model/obj") {
    const group = new OBJLoader().parse(new TextDecoder().decode(bytes));
    for (const mesh of meshesOf(group)) {
      if (!mesh.geometry.hasAttribute("normal")) mesh.geometry.computeVertexNormals();
      for (const m of materialsOf(mesh)) m.side = DoubleSide;
    }
    return group;
  }
  if (type === "model/stl") {
    const geometry = new STLLoader().parse(buffer);
    return new Mesh(geometry, new MeshStandardMaterial({ vertexColors: geometry.hasAttribute("color"), side: DoubleSide, roughness: 0.8 }));
  }
  throw new Error(type ? `${type} is not a 3D model type we can read` : "cannot tell the media type of the blob");
}

/** Frees the GPU resources of a model. */
function disposeModel(model: Object3D): void {
  for (const mesh of meshesOf(model)) {
    mesh.geometry.dispose();
    for (const m of materialsOf(mesh)) {
      for (const v of Object.values(m)) if (v instanceof Texture) v.dispose();
      m.dispose();
    }
  }
}

/** Caches `model` as the most recently used entry; frees the least recently used beyond MAX_MODELS unless used lately (models on screen never evict each other). */
function remember(key: string, model: Cached): void {
  const now = performance.now();
  models.delete(key);
  models.set(key, { model, used: now });
  for (const [k, old] of models) {
    if (models.size <= MAX_MODELS || now - old.used < KEEP_MS) break;
    if (old.model instanceof Promise) continue;
    models.delete(k);
    if (old.model) disposeModel(old.model);
  }
}

/** The parsed model of `row`'s blob, or null (nothing logged, unreadable, or still loading: `onLoad` is called once it is ready). */
function modelOf(row: EntityRow, onLoad: () => void): Object3D | null {
  const blob = row.cells.get(C.Blob), bytes = bytesOf(blob);
  if (!blob || !bytes) return null;
  const type = strings(row.cells.get(C.MediaType))[0] ?? guessMediaType(bytes);
  const key = `${row.path}|${blob.rowId ?? `${blob.time}:${bytes.length}`}|${type}`;
  let hit = models.get(key)?.model;
  if (hit === undefined) {
    loading++;
    hit = parse(bytes, type).catch((e: unknown) => {
      console.warn(`Asset3D ${row.path}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }).then((model) => {
      remember(key, model);
      if (--loading === 0) {
        const callbacks = [...waiting];
        waiting.clear();
        for (const f of callbacks) f();
      }
      return model;
    });
  }
  remember(key, hit);
  if (!(hit instanceof Promise)) return hit;
  waiting.add(onLoad);
  return null;
}

/** Gives `meshes` copies of their materials with the albedo factor as base color and opacity; returns the copies. */
function applyAlbedo(row: EntityRow, meshes: readonly Mesh[]): Material[] {
  const albedo = numbers(row.cells.get(C.AlbedoFactor));
  if (!albedo.length) return [];
  const rgba = unpackRgba(albedo[0]!), color = srgbAt(rgba, 0), copies: Material[] = [];
  const tinted = (m: Material) => {
    const copy = m.clone();
    if ("color" in copy && copy.color instanceof Color) copy.color.copy(color);
    copy.opacity = rgba[3] / 255;
    if (rgba[3] < 255) copy.transparent = true;
    copies.push(copy);
    return copy;
  };
  for (const mesh of meshes) mesh.material = Array.isArray(mesh.material) ? mesh.material.map(tinted) : tinted(mesh.material);
  return copies;
}

/** Asset3D models, posed by the entity's transform, picked and highlighted as a whole. */
export const asset3d: Visualizer3D = {
  archetype: "Asset3D",
  components: [C.Blob, C.MediaType, C.AlbedoFactor],
  draw(row, env): Drawn | null {
    const model = modelOf(row, env.rebuild);
    if (!model) return null;
    const object = new Group().add(model.clone());
    object.matrixAutoUpdate = false;
    object.matrix.copy(env.world);
    object.updateMatrixWorld(true);
    const meshes = meshesOf(object), copies = applyAlbedo(row, meshes);
    return {
      object,
      bounds: new Box3().setFromObject(object),
      labels: [],
      pick: (q) => pickWhole(object, q, true),
      highlight: (_instance, color) => tintOverlay(meshes, color),
      dispose() {
        for (const m of copies) m.dispose();
      },
    };
  },
};
