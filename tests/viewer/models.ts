/** Tiny 3D model files written in code for the Asset3D tests: a binary STL cube, an OBJ triangle, glTF cubes (GLB with a texture, JSON with a data: buffer). */

/** The 12 triangles of the cube [-h, h]³, as 36 corner indices into CUBE_CORNERS. */
const CUBE_TRIANGLES = [0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 1, 2, 6, 1, 6, 5, 2, 3, 7, 2, 7, 6, 3, 0, 4, 3, 4, 7];
const CUBE_CORNERS = [[-1, -1, -1], [1, -1, -1], [1, 1, -1], [-1, 1, -1], [-1, -1, 1], [1, -1, 1], [1, 1, 1], [-1, 1, 1]];

/** A binary STL cube of half size `h`; its header starts with "solid" like many exporters' (the size tells it is binary). */
export function stlCube(h: number): Uint8Array {
  const out = new Uint8Array(84 + 12 * 50), dv = new DataView(out.buffer);
  out.set(new TextEncoder().encode("solid cube written by the viewer tests"));
  dv.setUint32(80, 12, true);
  for (let t = 0; t < 12; t++) {
    const at = 84 + t * 50;
    const [p, q, r] = [0, 1, 2].map((k) => CUBE_CORNERS[CUBE_TRIANGLES[t * 3 + k]!]!);
    // Outward normal of a cube face: the axis on which the three corners agree.
    const axis = [0, 1, 2].find((a) => p![a] === q![a] && q![a] === r![a])!;
    dv.setFloat32(at + axis * 4, p![axis]!, true);
    [p, q, r].forEach((c, k) => c!.forEach((v, a) => dv.setFloat32(at + 12 + k * 12 + a * 4, v * h, true)));
  }
  return out;
}

/** An OBJ file of one triangle with side `s` in the z = 0 plane. */
export function objTriangle(s: number): Uint8Array {
  return new TextEncoder().encode(`# a triangle\no triangle\nv 0 0 0\nv ${s} 0 0\nv 0 ${s} 0\nf 1 2 3\n`);
}

const pad4 = (n: number) => (n + 3) & ~3;

/** The glTF JSON and binary buffer of a cube of half size `h` with `material`, plus an embedded PNG texture if given. */
function gltfCube(h: number, material: object, png: Uint8Array | null): { json: Record<string, unknown>; bin: Uint8Array } {
  const positions = new Float32Array(CUBE_CORNERS.flat().map((v) => v * h));
  const uvs = new Float32Array(16).fill(0.5);
  const indices = Uint16Array.from(CUBE_TRIANGLES);
  const parts: Uint8Array[] = [new Uint8Array(positions.buffer), new Uint8Array(uvs.buffer), new Uint8Array(indices.buffer), ...(png ? [png] : [])];
  const views: { buffer: number; byteOffset: number; byteLength: number }[] = [];
  let length = 0;
  for (const p of parts) {
    views.push({ buffer: 0, byteOffset: length, byteLength: p.length });
    length = pad4(length + p.length);
  }
  const bin = new Uint8Array(length);
  parts.forEach((p, i) => bin.set(p, views[i]!.byteOffset));
  const json: Record<string, unknown> = {
    asset: { version: "2.0" },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0, TEXCOORD_0: 1 }, indices: 2, material: 0 }] }],
    materials: [material],
    buffers: [{ byteLength: length }],
    bufferViews: views,
    accessors: [
      { bufferView: 0, componentType: 5126, count: 8, type: "VEC3", min: [-h, -h, -h], max: [h, h, h] },
      { bufferView: 1, componentType: 5126, count: 8, type: "VEC2" },
      { bufferView: 2, componentType: 5123, count: 36, type: "SCALAR" },
    ],
  };
  if (png) Object.assign(json, { images: [{ bufferView: 3, mimeType: "image/png" }], textures: [{ source: 0 }] });
  return { json, bin };
}

/** A GLB cube of half size `h` whose base color is the texture `png` (non-metallic). */
export function glbCube(h: number, png: Uint8Array): Uint8Array {
  const { json, bin } = gltfCube(h, { pbrMetallicRoughness: { baseColorTexture: { index: 0 }, metallicFactor: 0 } }, png);
  const text = new TextEncoder().encode(JSON.stringify(json));
  const jsonLength = pad4(text.length);
  const out = new Uint8Array(12 + 8 + jsonLength + 8 + bin.length), dv = new DataView(out.buffer);
  dv.setUint32(0, 0x46546c67, true); // "glTF"
  dv.setUint32(4, 2, true);
  dv.setUint32(8, out.length, true);
  dv.setUint32(12, jsonLength, true);
  dv.setUint32(16, 0x4e4f534a, true); // "JSON"
  out.fill(0x20, 20, 20 + jsonLength);
  out.set(text, 20);
  dv.setUint32(20 + jsonLength, bin.length, true);
  dv.setUint32(24 + jsonLength, 0x004e4942, true); // "BIN\0"
  out.set(bin, 28 + jsonLength);
  return out;
}

/** A glTF JSON cube of half size `h` with base color `rgb` (0–1), its buffer inlined as a data: URI. */
export function gltfJsonCube(h: number, rgb: [number, number, number]): Uint8Array {
  const { json, bin } = gltfCube(h, { pbrMetallicRoughness: { baseColorFactor: [...rgb, 1], metallicFactor: 0 } }, null);
  (json.buffers as { uri?: string }[])[0]!.uri = `data:application/octet-stream;base64,${Buffer.from(bin).toString("base64")}`;
  return new TextEncoder().encode(JSON.stringify(json, null, 1));
}
