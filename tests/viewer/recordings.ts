/** Recordings the viewer tests generate with store/build.ts, written as .rrd files for the binary to serve. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { F32, F64, fsl, list, NULL, struct, U16, U32, U64, U8, UTF8 } from "../../store/arrow/make.ts";
import type { DataType } from "../../store/arrow/types.ts";
import type { JsValue } from "../../store/arrow/values.ts";
import { type Batch, batch, chunkBuilder, componentField, descriptor, ROW_ID_FIELD, timeField, timeNs } from "../../store/build.ts";
import type { Chunk } from "../../store/chunk.ts";
import { encodeRrd } from "../../store/encoder.ts";
import { newTuid } from "../../store/tuid.ts";
import { messages, recording } from "../web/synth.ts";

type Field = [field: string, component: string, type: DataType, values: JsValue[]];

/** The batches of one archetype: its indicator plus each `[field, component, type, values]`. */
export function archetype(name: string, fields: Field[]): Batch[] {
  return [
    batch(descriptor(`rerun.components.${name}Indicator`), NULL, [null]),
    ...fields.map(([field, comp, type, values]) => batch(descriptor(`rerun.components.${comp}`, `rerun.archetypes.${name}`, field), type, values)),
  ];
}

/** Writes a recording (store info + one ArrowMsg per chunk) to a temporary .rrd file; returns its path. */
export function writeRecording(id: string, chunks: Chunk[], applicationId = "viewer-test"): string {
  const path = join(mkdtempSync(join(tmpdir(), "rerun-viewer-rec-")), `${id}.rrd`);
  const msgs = messages(recording(id), chunks);
  if (msgs[0]!.kind === "SetStoreInfo") msgs[0]!.info.applicationId = applicationId;
  writeFileSync(path, encodeRrd(msgs));
  return path;
}

/** `/plot/sine` and `/plot/cosine` (Scalar on `step` 0..n-1, styled by a static SeriesLine). */
export function scalarChunks(n: number): Chunk[] {
  const out: Chunk[] = [];
  for (const [path, fn, color, name] of [["/plot/sine", Math.sin, 0xff3030ff, "sine"], ["/plot/cosine", Math.cos, 0x3080ffff, "cosine"]] as const) {
    out.push(chunkBuilder(path).row({}, archetype("SeriesLine", [["color", "Color", U32, [color]], ["name", "Name", UTF8, [name]], ["width", "StrokeWidth", F32, [2]]])).build());
    const b = chunkBuilder(path);
    for (let i = 0; i < n; i++) b.row({ step: i }, archetype("Scalar", [["scalar", "Scalar", F64, [fn(i / 20) * 10]]]));
    out.push(b.build());
  }
  return out;
}

/** `/logs/app`: one TextLog line per frame, cycling INFO, WARN, ERROR. */
export function textLogChunks(n: number): Chunk[] {
  const b = chunkBuilder("/logs/app");
  const levels = ["INFO", "WARN", "ERROR"];
  for (let i = 0; i < n; i++) b.row({ frame: i }, archetype("TextLog", [["text", "Text", UTF8, [`line ${i} <b>not bold</b>`]], ["level", "TextLogLevel", UTF8, [levels[i % 3]!]]]));
  return [b.build()];
}

/** `/docs/readme`: a static markdown TextDocument with script and handler injection attempts. */
export function markdownChunks(): Chunk[] {
  const text = [
    "# Hello markdown",
    "Some **bold** and *italic* text with `code` and a [safe link](https://rerun.io).",
    "<script>window.__pwned = 1</script>",
    '<img src="x" onerror="window.__pwned = 2">',
    "[bad link](javascript:window.__pwned=3)",
    "",
    "- one",
    "- two",
  ].join("\n");
  return [chunkBuilder("/docs/readme").row({}, archetype("TextDocument", [["text", "Text", UTF8, [text]], ["media_type", "MediaType", UTF8, ["text/markdown"]]])).build()];
}

/** A solid-color PNG (for EncodedImage). */
export function png(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Uint8Array) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 255]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length), dv = new DataView(out.buffer);
    dv.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    dv.setUint32(8 + data.length, crc(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13), dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(rgb, y * (1 + width * 3) + 1 + x * 3);
  const parts = [Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10), chunk("IHDR", ihdr), chunk("IDAT", new Uint8Array(deflateSync(raw))), chunk("IEND", new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

const IMAGE_FORMAT = struct([["width", U32], ["height", U32], ["pixel_format", U8, true], ["color_model", U8, true], ["channel_datatype", U8, true]]);
const TENSOR_BUFFER: DataType = {
  kind: "union", mode: "dense", typeIds: [0, 1, 10],
  children: [["_null_markers", NULL, true], ["U8", list(U8), false], ["F32", list(F32), false]].map(([name, type, nullable]) => ({ name: name as string, type: type as DataType, nullable: nullable as boolean, metadata: new Map() })),
};
const TENSOR = struct([["shape", list(U64)], ["names", list(UTF8), true], ["buffer", TENSOR_BUFFER, true]]);

const ANNOTATION_INFO = struct([["id", U16], ["label", UTF8, true], ["color", U32, true]]);
const ANNOTATION_CONTEXT = struct([["class_id", U16], ["class_description", struct([["info", ANNOTATION_INFO], ["keypoint_annotations", list(ANNOTATION_INFO)], ["keypoint_connections", list(struct([["keypoint0", U16], ["keypoint1", U16]]))]])]]);

/** One class of an AnnotationContext: id, label, color (null = automatic) and keypoint connections. */
export function classDescription(id: number, label: string, color: number | null, connections: [number, number][] = []): JsValue {
  return { class_id: id, class_description: { info: { id, label, color }, keypoint_annotations: [], keypoint_connections: connections.map(([keypoint0, keypoint1]) => ({ keypoint0, keypoint1 })) } };
}

/** A static AnnotationContext chunk at `path`. */
function annotationContext(path: string, classes: JsValue[]): Chunk {
  return chunkBuilder(path).row({}, archetype("AnnotationContext", [["context", "AnnotationContext", ANNOTATION_CONTEXT, classes]])).build();
}

/**
 * One of everything on `frame` 0..frames-1: a 3D world (Z up) with boxes, line strips, arrows, a
 * mesh, a transformed camera with a pinhole looking at an RGB image and 2D points, a segmentation
 * image, a depth image, an encoded PNG with boxes, a bar chart and a tensor.
 */
export function kitchenSinkChunks(frames: number): Chunk[] {
  const out: Chunk[] = [];
  out.push(chunkBuilder("/world").row({}, archetype("ViewCoordinates", [["xyz", "ViewCoordinates", fsl(3, U8), [[3, 6, 1]]]])).build());
  out.push(annotationContext("/", [classDescription(1, "car", 0xff00ffff), classDescription(2, "road", 0x00ffffff)]));
  const boxes = chunkBuilder("/world/boxes"), lines = chunkBuilder("/world/lines"), cam = chunkBuilder("/world/camera");
  for (let f = 0; f < frames; f++) {
    const a = (f / frames) * Math.PI * 2;
    boxes.row({ frame: f }, archetype("Boxes3D", [
      ["half_sizes", "HalfSize3D", fsl(3, F32), [[1, 0.5, 0.25], [0.5, 0.5, 0.5]]],
      ["centers", "PoseTranslation3D", fsl(3, F32), [[0, 0, 1], [3, 0, 0.5]]],
      ["quaternions", "PoseRotationQuat", fsl(4, F32), [[0, 0, Math.sin(a / 2), Math.cos(a / 2)]]],
      ["colors", "Color", U32, [0xff8000ff, 0x00c000ff]],
      ["labels", "Text", UTF8, ["crate", "cube"]],
    ]));
    lines.row({ frame: f }, archetype("LineStrips3D", [["strips", "LineStrip3D", list(fsl(3, F32)), [[[-3, -3, 0], [-3, 3, 0], [3, 3, f / frames]], [[-2, -2, 2], [2, -2, 2]]]], ["colors", "Color", U32, [0xffff00ff]], ["radii", "Radius", F32, [0.03]]]));
    cam.row({ frame: f }, archetype("Transform3D", [["translation", "Translation3D", fsl(3, F32), [[Math.cos(a) * 6, Math.sin(a) * 6, 3]]]]));
  }
  out.push(boxes.build(), lines.build(), cam.build());
  out.push(chunkBuilder("/world/arrows").row({}, archetype("Arrows3D", [["vectors", "Vector3D", fsl(3, F32), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]], ["origins", "Position3D", fsl(3, F32), [[-4, 0, 0]]], ["colors", "Color", U32, [0xff0000ff, 0x00ff00ff, 0x0000ffff]]])).build());
  out.push(chunkBuilder("/world/mesh").row({}, archetype("Mesh3D", [
    ["vertex_positions", "Position3D", fsl(3, F32), [[4, -4, 0], [6, -4, 0], [5, -2, 1.5]]],
    ["triangle_indices", "TriangleIndices", fsl(3, U32), [[0, 1, 2]]],
    ["vertex_colors", "Color", U32, [0xff0000ff, 0x00ff00ff, 0x0000ffff]],
  ])).build());
  out.push(chunkBuilder("/world/camera").row({}, archetype("Pinhole", [["image_from_camera", "PinholeProjection", fsl(9, F32), [[50, 0, 0, 0, 50, 0, 32, 24, 1]]], ["resolution", "Resolution", fsl(2, F32), [[64, 48]]]])).build());
  const rgb = new Uint8Array(64 * 48 * 3).map((_, i) => (i % 3 === 0 ? (i / 3) % 64 * 4 : i % 3 === 1 ? Math.floor(i / 192) * 5 : 128));
  out.push(chunkBuilder("/world/camera/image").row({}, archetype("Image", [["buffer", "ImageBuffer", list(U8), [[...rgb]]], ["format", "ImageFormat", IMAGE_FORMAT, [{ width: 64, height: 48, pixel_format: null, color_model: 2, channel_datatype: 6 }]]])).build());
  out.push(chunkBuilder("/world/camera/points").row({}, archetype("Points2D", [["positions", "Position2D", fsl(2, F32), [[10, 10], [54, 38], [32, 24]]], ["class_ids", "ClassId", U16, [1, 2, 1]], ["radii", "Radius", F32, [2]]])).build());
  const seg = new Uint8Array(32 * 32).map((_, i) => (i % 32 < 16 ? 1 : 2));
  out.push(chunkBuilder("/segmentation").row({}, archetype("SegmentationImage", [["buffer", "ImageBuffer", list(U8), [[...seg]]], ["format", "ImageFormat", IMAGE_FORMAT, [{ width: 32, height: 32, pixel_format: null, color_model: 1, channel_datatype: 6 }]]])).build());
  const depth = new Uint8Array(new Uint16Array(40 * 30).map((_, i) => (i % 40) * 100).buffer);
  out.push(chunkBuilder("/depth").row({}, archetype("DepthImage", [["buffer", "ImageBuffer", list(U8), [[...depth]]], ["format", "ImageFormat", IMAGE_FORMAT, [{ width: 40, height: 30, pixel_format: null, color_model: 1, channel_datatype: 8 }]], ["meter", "DepthMeter", F32, [1000]]])).build());
  out.push(chunkBuilder("/photo").row({}, archetype("EncodedImage", [["blob", "Blob", list(U8), [[...png(48, 32, [40, 200, 90])]]], ["media_type", "MediaType", UTF8, ["image/png"]]])).build());
  out.push(chunkBuilder("/photo/boxes").row({}, archetype("Boxes2D", [["half_sizes", "HalfSize2D", fsl(2, F32), [[10, 6]]], ["centers", "Position2D", fsl(2, F32), [[24, 16]]], ["labels", "Text", UTF8, ["thing"]], ["colors", "Color", U32, [0xffffffff]]])).build());
  const bars = chunkBuilder("/bars");
  for (let f = 0; f < frames; f++) bars.row({ frame: f }, archetype("BarChart", [["values", "TensorData", TENSOR, [{ shape: [8n], names: null, buffer: { F32: [1, 3, 2, 5, 4, (f % 7) + 1, 2, 6] } }]], ["color", "Color", U32, [0xe0a030ff]]]));
  out.push(bars.build());
  out.push(chunkBuilder("/tensor").row({}, archetype("Tensor", [["data", "TensorData", TENSOR, [{ shape: [4n, 16n, 16n], names: ["batch", "height", "width"], buffer: { U8: Array.from({ length: 4 * 256 }, (_, i) => i % 256) } }]]])).build());
  return out;
}

/** A recording on a nanosecond timeline (`log_time`) only, for time formatting. */
export function timeChunks(n: number, startNs: bigint): Chunk[] {
  const b = chunkBuilder("/sensor");
  for (let i = 0; i < n; i++) b.row({ log_time: timeNs(startNs + BigInt(i) * 100_000_000n) }, archetype("Scalar", [["scalar", "Scalar", F64, [i]]]));
  return [b.build()];
}

/** A column-built Scalar chunk of `/big/series` for steps [from, from + n) (fast: no per-row objects). */
function scalarColumnChunk(from: number, n: number): Chunk {
  const desc = descriptor("rerun.components.Scalar", "rerun.archetypes.Scalar", "scalar");
  const values = Float64Array.from({ length: n }, (_, i) => Math.sin((from + i) / 5000) * 100 + Math.sin((from + i) / 37));
  const data = {
    type: componentField(desc, F64).type, length: n, nullCount: 0, validity: null, typeIds: null, values: null,
    offsets: Int32Array.from({ length: n + 1 }, (_, i) => i),
    children: [{ type: F64, length: n, nullCount: 0, validity: null, offsets: null, values, typeIds: null, children: [] }],
  };
  const ids = Array.from({ length: n }, () => newTuid());
  const steps = BigInt64Array.from({ length: n }, (_, i) => BigInt(from + i));
  return {
    id: newTuid(), entityPath: "/big/series", isSorted: true, numRows: n,
    rowIdTimeNs: BigUint64Array.from(ids, (t) => t.timeNs), rowIdInc: BigUint64Array.from(ids, (t) => t.inc),
    timelines: [{ name: "step", type: "Sequence", values: steps, sorted: true, field: timeField("step", "Sequence", true) }],
    components: [{ descriptor: desc, itemType: F64, data, field: componentField(desc, F64) }],
    rowIdField: ROW_ID_FIELD, schemaMetadata: new Map(),
  };
}

/** A large recording: `scalars` Scalar rows on `step` (in 4096-row chunks) and `images` RGB images of `side`² pixels spread over the steps. */
export function bigChunks(scalars: number, images: number, side: number): Chunk[] {
  const out: Chunk[] = [chunkBuilder("/big/series").row({}, archetype("SeriesLine", [["color", "Color", U32, [0xff3030ff]]])).build()];
  for (let from = 0; from < scalars; from += 4096) out.push(scalarColumnChunk(from, Math.min(4096, scalars - from)));
  const bytes = side * side * 3;
  for (let k = 0; k < images; k++) {
    const pixels = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) pixels[i] = (i * 7 + k * 13) & 255;
    const buffer: Batch = {
      descriptor: descriptor("rerun.components.ImageBuffer", "rerun.archetypes.Image", "buffer"),
      array: { type: list(U8), length: 1, nullCount: 0, validity: null, offsets: Int32Array.of(0, bytes), values: null, typeIds: null, children: [{ type: U8, length: bytes, nullCount: 0, validity: null, offsets: null, values: pixels, typeIds: null, children: [] }] },
    };
    const format = archetype("Image", [["format", "ImageFormat", IMAGE_FORMAT, [{ width: side, height: side, pixel_format: null, color_model: 2, channel_datatype: 6 }]]]);
    out.push(chunkBuilder("/big/camera").row({ step: Math.floor((k * scalars) / images) }, [...format, buffer]).build());
  }
  return out;
}

/** A static Asset3D at `path` moved by `translation`, with its media type and albedo factor when given. */
function asset(path: string, bytes: Uint8Array, translation: [number, number, number], mediaType: string | null, albedo: number | null): Chunk {
  return chunkBuilder(path).row({}, [
    ...archetype("Transform3D", [["translation", "Translation3D", fsl(3, F32), [translation]]]),
    ...archetype("Asset3D", [
      ["blob", "Blob", list(U8), [[...bytes]]],
      ...(mediaType ? [["media_type", "MediaType", UTF8, [mediaType]] satisfies Field] : []),
      ...(albedo !== null ? [["albedo_factor", "AlbedoFactor", U32, [albedo]] satisfies Field] : []),
    ]),
  ]).build();
}

/**
 * Four Asset3D entities left to right along x: a binary STL cube (red albedo), an OBJ triangle
 * (green albedo) and a textured GLB cube (blue texture), all without media type, and a glTF JSON
 * cube typed `model/gltf+json` whose magenta material is overridden by a yellow albedo.
 */
export function assetChunks(models: { stl: Uint8Array; obj: Uint8Array; glb: Uint8Array; gltf: Uint8Array }): Chunk[] {
  return [
    asset("/models/stl", models.stl, [-4.5, 0, 0], null, 0xff0000ff),
    asset("/models/obj", models.obj, [-2, -0.75, 0], null, 0x00ff00ff),
    asset("/models/glb", models.glb, [1.5, 0, 0], null, null),
    asset("/models/gltf", models.gltf, [4.5, 0, 0], "model/gltf+json", 0xffff00ff),
  ];
}

/**
 * Keypoints: four white Points2D of class 1 (green, keypoints 0-1-2-3 joined as an open U) and
 * four white Points3D of class 3 (magenta, a closed square), described by a root AnnotationContext.
 */
export function keypointChunks(): Chunk[] {
  const points = (dim: 2 | 3, positions: number[][], classId: number) => archetype(dim === 2 ? "Points2D" : "Points3D", [
    ["positions", dim === 2 ? "Position2D" : "Position3D", fsl(dim, F32), positions],
    ["colors", "Color", U32, [0xffffffff]],
    ["class_ids", "ClassId", U16, [classId]],
    ["keypoint_ids", "KeypointId", U16, [0, 1, 2, 3]],
  ]);
  return [
    annotationContext("/", [classDescription(1, "person", 0x00ff00ff, [[0, 1], [1, 2], [2, 3]]), classDescription(3, "square", 0xff00ffff, [[0, 1], [1, 2], [2, 3], [3, 0]])]),
    chunkBuilder("/pose2d").row({}, points(2, [[10, 10], [90, 10], [90, 60], [10, 60]], 1)).build(),
    chunkBuilder("/pose3d").row({}, points(3, [[0, 0, 0], [2, 0, 0], [2, 2, 0], [0, 2, 0]], 3)).build(),
  ];
}

/** A yellow line strip `/strip`, a cyan wire box `/box` and a red mesh quad `/mesh`, for selection highlights. */
export function selectableChunks(): Chunk[] {
  return [
    chunkBuilder("/strip").row({}, archetype("LineStrips3D", [["strips", "LineStrip3D", list(fsl(3, F32)), [[[-3, -3, 0], [-3, 3, 0], [-1, 3, 0]]]], ["colors", "Color", U32, [0xffff00ff]], ["radii", "Radius", F32, [-2]]])).build(),
    chunkBuilder("/box").row({}, archetype("Boxes3D", [["half_sizes", "HalfSize3D", fsl(3, F32), [[1, 1, 1]]], ["centers", "PoseTranslation3D", fsl(3, F32), [[2, 0, 1]]], ["colors", "Color", U32, [0x00ffffff]], ["radii", "Radius", F32, [-2]]])).build(),
    chunkBuilder("/mesh").row({}, archetype("Mesh3D", [
      ["vertex_positions", "Position3D", fsl(3, F32), [[-1, -5, 0], [1, -5, 0], [1, -3, 0], [-1, -3, 0]]],
      ["triangle_indices", "TriangleIndices", fsl(3, U32), [[0, 1, 2], [0, 2, 3]]],
      ["albedo_factor", "AlbedoFactor", U32, [0xff0000ff]],
    ])).build(),
  ];
}

/**
 * A pinhole `/world/cam` (64×48, f = 50, image plane at 0.5) over a DepthImage of 4000 everywhere
 * with meter 1000 and range [0, 8000] (4 m, the middle of Turbo: lime), next to a magenta wire box
 * `/world/ref` of 1 m at the origin for scale.
 */
export function depthCloudChunks(): Chunk[] {
  const depth = new Uint8Array(new Uint16Array(64 * 48).fill(4000).buffer);
  return [
    chunkBuilder("/world/cam").row({}, archetype("Pinhole", [
      ["image_from_camera", "PinholeProjection", fsl(9, F32), [[50, 0, 0, 0, 50, 0, 32, 24, 1]]],
      ["resolution", "Resolution", fsl(2, F32), [[64, 48]]],
      ["image_plane_distance", "ImagePlaneDistance", F32, [0.5]],
    ])).build(),
    chunkBuilder("/world/cam/depth").row({}, archetype("DepthImage", [
      ["buffer", "ImageBuffer", list(U8), [[...depth]]],
      ["format", "ImageFormat", IMAGE_FORMAT, [{ width: 64, height: 48, pixel_format: null, color_model: 1, channel_datatype: 8 }]],
      ["meter", "DepthMeter", F32, [1000]],
      ["depth_range", "ValueRange", fsl(2, F64), [[0, 8000]]],
    ])).build(),
    chunkBuilder("/world/ref").row({}, archetype("Boxes3D", [["half_sizes", "HalfSize3D", fsl(3, F32), [[0.5, 0.5, 0.5]]], ["colors", "Color", U32, [0xff00ffff]], ["radii", "Radius", F32, [-2]]])).build(),
  ];
}
