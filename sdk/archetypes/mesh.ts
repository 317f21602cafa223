/** Mesh3D (triangle meshes) and Asset3D (glTF, GLB, OBJ, STL files). */
import { archetypeClass, type FieldValues, guarded } from "../archetype.ts";
import * as C from "../components/index.ts";
import { colorImageFormat, guessMediaType } from "../convert/image.ts";
import { bytesOf, type NdArray } from "../convert/ndarray.ts";
import type { ColorLike } from "../convert/colors.ts";
import { runtime } from "../runtime.ts";

const MESH = {
  vertexPositions: [C.Position3D, "required"],
  triangleIndices: [C.TriangleIndices, "recommended"],
  vertexNormals: [C.Vector3D, "recommended"],
  vertexColors: [C.Color, "optional"],
  vertexTexcoords: [C.Texcoord2D, "optional"],
  albedoFactor: [C.AlbedoFactor, "optional"],
  albedoTextureBuffer: [C.ImageBuffer, "optional"],
  albedoTextureFormat: [C.ImageFormat, "optional"],
  classIds: [C.ClassId, "optional"],
} as const;

const ASSET = {
  blob: [C.Blob, "required"],
  mediaType: [C.MediaType, "recommended"],
  albedoFactor: [C.AlbedoFactor, "optional"],
} as const;

/** The fields of Mesh3D. */
export type Mesh3DFields = FieldValues<typeof MESH>;
/** The fields of Asset3D. */
export type Asset3DFields = FieldValues<typeof ASSET>;

/** A triangle mesh: `new Mesh3D({ vertexPositions, triangleIndices, vertexColors, albedoTexture })`. */
export class Mesh3D extends archetypeClass("Mesh3D", MESH) {
  constructor(opts: Mesh3DFields & { albedoTexture?: NdArray }) {
    const { albedoTexture, ...fields } = opts;
    const texture = albedoTexture ? guarded("Mesh3D.albedoTexture", () => ({ albedoTextureBuffer: bytesOf(albedoTexture.data), albedoTextureFormat: colorImageFormat(albedoTexture) })) : {};
    super({ ...fields, ...texture });
  }
}

/** A 3D asset file: `new Asset3D({ path: "robot.glb" })` or `{ contents, mediaType: "model/gltf-binary" }`. */
export class Asset3D extends archetypeClass("Asset3D", ASSET) {
  constructor(opts: { path?: string; contents?: Uint8Array; mediaType?: string; albedoFactor?: ColorLike }) {
    const blob = guarded("Asset3D", () => ({ blob: opts.contents ?? (opts.path !== undefined ? runtime("Asset3D({ path })").readFile(opts.path) : null) }));
    const mediaType = opts.mediaType ?? (opts.path !== undefined ? guessMediaType(opts.path) : null);
    super({ ...blob, mediaType, albedoFactor: opts.albedoFactor });
  }
}
