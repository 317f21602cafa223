/** Every archetype encodes to the exact Arrow types, names and metadata of spec §4.6, §6 and §7. */
import { describe, expect, test } from "bun:test";
import type { Chunk } from "../../store/chunk.ts";
import * as rr from "../../sdk/index.ts";
import { record, sig } from "./decode.ts";

const INFO = "Struct{id: u16, label?: utf8, color?: u32}";
const UNION = "DenseUnion{0 _null_markers?: null, 1 U8: List<u8>, 2 U16: List<u16>, 3 U32: List<u32>, 4 U64: List<u64>, 5 I8: List<i8>, 6 I16: List<i16>, 7 I32: List<i32>, 8 I64: List<i64>, 9 F16: List<f16>, 10 F32: List<f32>, 11 F64: List<f64>}";

/** Spec §6: component → instance type. */
const TYPES: Record<string, string> = {
  Position3D: "FSL<3, f32>", Position2D: "FSL<2, f32>", Vector3D: "FSL<3, f32>", Vector2D: "FSL<2, f32>",
  HalfSize3D: "FSL<3, f32>", HalfSize2D: "FSL<2, f32>", Translation3D: "FSL<3, f32>", RotationQuat: "FSL<4, f32>",
  RotationAxisAngle: "Struct{axis: FSL<3, f32>, angle: f32}", Scale3D: "FSL<3, f32>", TransformMat3x3: "FSL<9, f32>",
  TransformRelation: "u8", AxisLength: "f32", PoseTranslation3D: "FSL<3, f32>", PoseRotationQuat: "FSL<4, f32>",
  PoseRotationAxisAngle: "Struct{axis: FSL<3, f32>, angle: f32}", PoseScale3D: "FSL<3, f32>", PoseTransformMat3x3: "FSL<9, f32>",
  LineStrip3D: "List<FSL<3, f32>>", LineStrip2D: "List<FSL<2, f32>>", TriangleIndices: "FSL<3, u32>", Texcoord2D: "FSL<2, f32>",
  ViewCoordinates: "FSL<3, u8>", PinholeProjection: "FSL<9, f32>", Resolution: "FSL<2, f32>", ImagePlaneDistance: "f32",
  Color: "u32", AlbedoFactor: "u32", Radius: "f32", DrawOrder: "f32", Opacity: "f32", FillMode: "u8", StrokeWidth: "f32",
  MarkerSize: "f32", MarkerShape: "u8", AggregationPolicy: "u8", Colormap: "u8", FillRatio: "f32", DepthMeter: "f32",
  ValueRange: "FSL<2, f64>", Text: "utf8", ShowLabels: "bool", ClassId: "u16", KeypointId: "u16", Name: "utf8",
  TextLogLevel: "utf8", Scalar: "f64", ClearIsRecursive: "bool", MediaType: "utf8", Blob: "List<u8>", ImageBuffer: "List<u8>",
  AnnotationContext: `List<Struct{class_id: u16, class_description: Struct{info: ${INFO}, keypoint_annotations: List<${INFO}>, keypoint_connections: List<Struct{keypoint0: u16, keypoint1: u16}>}}>`,
  ImageFormat: "Struct{width: u32, height: u32, pixel_format?: u8, color_model?: u8, channel_datatype?: u8}",
  TensorData: `Struct{shape: List<u64>, names?: List<utf8>, buffer?: ${UNION}}`,
};

const img = { data: new Uint8Array(2 * 3 * 3), shape: [2, 3, 3] };

/** Spec §7: archetype, a value with every field set, its fields in declaration order. */
const CASES: [string, rr.Archetype, string][] = [
  ["Points3D", new rr.Points3D([[1, 2, 3]], { radii: 1, colors: [255, 0, 0], labels: "a", showLabels: true, classIds: 1, keypointIds: 2 }),
    "positions:Position3D radii:Radius colors:Color labels:Text show_labels:ShowLabels class_ids:ClassId keypoint_ids:KeypointId"],
  ["Points2D", new rr.Points2D([[1, 2]], { radii: 1, colors: [255, 0, 0], labels: "a", showLabels: true, drawOrder: 1, classIds: 1, keypointIds: 2 }),
    "positions:Position2D radii:Radius colors:Color labels:Text show_labels:ShowLabels draw_order:DrawOrder class_ids:ClassId keypoint_ids:KeypointId"],
  ["Boxes3D", new rr.Boxes3D({ halfSizes: [[1, 1, 1]], centers: [[0, 0, 0]], rotationAxisAngles: [{ axis: [0, 0, 1], angle: 1 }], quaternions: [[0, 0, 0, 1]], colors: 0xffffffff, radii: 1, fillMode: "Solid", labels: "b", showLabels: false, classIds: 3 }),
    "half_sizes:HalfSize3D centers:PoseTranslation3D rotation_axis_angles:PoseRotationAxisAngle quaternions:PoseRotationQuat colors:Color radii:Radius fill_mode:FillMode labels:Text show_labels:ShowLabels class_ids:ClassId"],
  ["Boxes2D", new rr.Boxes2D({ halfSizes: [[1, 1]], centers: [[0, 0]], colors: 0xffffffff, radii: 1, labels: "b", showLabels: false, drawOrder: 2, classIds: 3 }),
    "half_sizes:HalfSize2D centers:Position2D colors:Color radii:Radius labels:Text show_labels:ShowLabels draw_order:DrawOrder class_ids:ClassId"],
  ["LineStrips3D", new rr.LineStrips3D([[[0, 0, 0], [1, 1, 1]]], { radii: 1, colors: 0xff, labels: "l", showLabels: true, classIds: 1 }),
    "strips:LineStrip3D radii:Radius colors:Color labels:Text show_labels:ShowLabels class_ids:ClassId"],
  ["LineStrips2D", new rr.LineStrips2D([[[0, 0], [1, 1]]], { radii: 1, colors: 0xff, labels: "l", showLabels: true, drawOrder: 1, classIds: 1 }),
    "strips:LineStrip2D radii:Radius colors:Color labels:Text show_labels:ShowLabels draw_order:DrawOrder class_ids:ClassId"],
  ["Arrows3D", new rr.Arrows3D({ vectors: [[1, 0, 0]], origins: [[0, 0, 0]], radii: 1, colors: 0xff, labels: "x", showLabels: true, classIds: 1 }),
    "vectors:Vector3D origins:Position3D radii:Radius colors:Color labels:Text show_labels:ShowLabels class_ids:ClassId"],
  ["Arrows2D", new rr.Arrows2D({ vectors: [[1, 0]], origins: [[0, 0]], radii: 1, colors: 0xff, labels: "x", showLabels: true, drawOrder: 1, classIds: 1 }),
    "vectors:Vector2D origins:Position2D radii:Radius colors:Color labels:Text show_labels:ShowLabels draw_order:DrawOrder class_ids:ClassId"],
  ["Mesh3D", new rr.Mesh3D({ vertexPositions: [[0, 0, 0], [1, 0, 0], [0, 1, 0]], triangleIndices: [[0, 1, 2]], vertexNormals: [[0, 0, 1], [0, 0, 1], [0, 0, 1]], vertexColors: [[255, 0, 0], [0, 255, 0], [0, 0, 255]], vertexTexcoords: [[0, 0], [1, 0], [0, 1]], albedoFactor: [255, 255, 255], albedoTexture: img, classIds: 1 }),
    "vertex_positions:Position3D triangle_indices:TriangleIndices vertex_normals:Vector3D vertex_colors:Color vertex_texcoords:Texcoord2D albedo_factor:AlbedoFactor albedo_texture_buffer:ImageBuffer albedo_texture_format:ImageFormat class_ids:ClassId"],
  ["Asset3D", new rr.Asset3D({ contents: new Uint8Array([1, 2, 3]), mediaType: "model/obj", albedoFactor: [1, 2, 3] }), "blob:Blob media_type:MediaType albedo_factor:AlbedoFactor"],
  ["Transform3D", new rr.Transform3D({ translation: [1, 2, 3], rotationAxisAngle: { axis: [0, 0, 1], radians: 1 }, quaternion: [0, 0, 0, 1], scale: 2, mat3x3: [1, 0, 0, 0, 1, 0, 0, 0, 1], relation: "ChildFromParent", axisLength: 1 }),
    "translation:Translation3D rotation_axis_angle:RotationAxisAngle quaternion:RotationQuat scale:Scale3D mat3x3:TransformMat3x3 relation:TransformRelation axis_length:AxisLength"],
  ["InstancePoses3D", new rr.InstancePoses3D({ translations: [[1, 2, 3]], rotationAxisAngles: [{ axis: [1, 0, 0], degrees: 90 }], quaternions: [[0, 0, 0, 1]], scales: 1, mat3x3: [[[1, 0, 0], [0, 1, 0], [0, 0, 1]]] }),
    "translations:PoseTranslation3D rotation_axis_angles:PoseRotationAxisAngle quaternions:PoseRotationQuat scales:PoseScale3D mat3x3:PoseTransformMat3x3"],
  ["Pinhole", new rr.Pinhole({ focalLength: 100, width: 64, height: 48, cameraXyz: "RDF", imagePlaneDistance: 2 }),
    "image_from_camera:PinholeProjection resolution:Resolution camera_xyz:ViewCoordinates image_plane_distance:ImagePlaneDistance"],
  ["ViewCoordinates", rr.ViewCoordinates.RDF, "xyz:ViewCoordinates"],
  ["Image", new rr.Image(img, null, { opacity: 0.5, drawOrder: 1 }), "buffer:ImageBuffer format:ImageFormat opacity:Opacity draw_order:DrawOrder"],
  ["EncodedImage", new rr.EncodedImage({ contents: new Uint8Array([0x89]), mediaType: "image/png", opacity: 1, drawOrder: 1 }), "blob:Blob media_type:MediaType opacity:Opacity draw_order:DrawOrder"],
  ["DepthImage", new rr.DepthImage({ data: new Uint16Array(6), shape: [2, 3] }, { meter: 1000, colormap: "Turbo", depthRange: [0, 10], pointFillRatio: 1, drawOrder: 1 }),
    "buffer:ImageBuffer format:ImageFormat meter:DepthMeter colormap:Colormap depth_range:ValueRange point_fill_ratio:FillRatio draw_order:DrawOrder"],
  ["SegmentationImage", new rr.SegmentationImage({ data: new Uint8Array(6), shape: [2, 3] }, { opacity: 0.5, drawOrder: 1 }), "buffer:ImageBuffer format:ImageFormat opacity:Opacity draw_order:DrawOrder"],
  ["Tensor", new rr.Tensor({ data: new Float32Array(6), shape: [2, 3] }, { dimNames: ["a", "b"], valueRange: [0, 1] }), "data:TensorData value_range:ValueRange"],
  ["BarChart", new rr.BarChart([1, 2, 3], { color: [0, 0, 255] }), "values:TensorData color:Color"],
  ["Scalar", new rr.Scalar(1.5), "scalar:Scalar"],
  ["SeriesLine", new rr.SeriesLine({ color: [255, 0, 0], width: 2, name: "n", aggregationPolicy: "MinMax" }), "color:Color width:StrokeWidth name:Name aggregation_policy:AggregationPolicy"],
  ["SeriesPoint", new rr.SeriesPoint({ color: [255, 0, 0], marker: "Diamond", name: "n", markerSize: 3 }), "color:Color marker:MarkerShape name:Name marker_size:MarkerSize"],
  ["TextLog", new rr.TextLog("hi", { level: "INFO", color: [1, 2, 3] }), "text:Text level:TextLogLevel color:Color"],
  ["TextDocument", new rr.TextDocument("# hi", { mediaType: rr.MediaType.MARKDOWN }), "text:Text media_type:MediaType"],
  ["AnnotationContext", new rr.AnnotationContext([[1, "a", [1, 2, 3]], { info: { id: 2 }, keypointAnnotations: [{ id: 0, label: "k" }], keypointConnections: [[0, 1]] }]), "context:AnnotationContext"],
  ["Clear", new rr.Clear({ recursive: true }), "is_recursive:ClearIsRecursive"],
];

const chunks = record((rec) => {
  for (const [name, value] of CASES) rec.log(`arch/${name}`, value);
});
const chunkOf = (name: string): Chunk => chunks.find((c) => c.entityPath === `/arch/${name}`)!;

describe("archetypes on the wire", () => {
  for (const [name, , fields] of CASES) {
    test(name, () => {
      const c = chunkOf(name);
      expect(c.numRows).toBe(1);
      const indicator = c.components.find((x) => x.descriptor.component === `rerun.components.${name}Indicator`)!;
      expect(sig(indicator.field.type)).toBe("List<null?>");
      expect([...indicator.field.metadata]).toEqual([["rerun.kind", "data"]]);
      expect(indicator.data.children[0]!.length).toBe(1);
      const data = c.components.filter((x) => x !== indicator);
      const expected = fields.split(" ").map((f) => f.split(":") as [string, string]);
      expect(data.map((x) => [x.descriptor.archetypeField, x.descriptor.component]).sort()).toEqual(expected.map(([f, comp]) => [f, `rerun.components.${comp}`]).sort());
      for (const [field, comp] of expected) {
        const col = data.find((x) => x.descriptor.archetypeField === field)!;
        expect(`${field}: ${sig(col.field.type)}`).toBe(`${field}: List<${TYPES[comp]}?>`);
        expect(col.field.nullable).toBe(true);
        expect([...col.field.metadata]).toEqual([["rerun.archetype_field_name", field], ["rerun.archetype_name", `rerun.archetypes.${name}`], ["rerun.kind", "data"]]);
      }
      const def = (rr[name as keyof typeof rr] as unknown as { def: { fields: { descriptor: { archetypeField: string } }[] } }).def;
      expect(def.fields.map((f) => f.descriptor.archetypeField)).toEqual(expected.map(([f]) => f));
    });
  }

  test("row id and time columns follow spec §4.4–4.5", () => {
    const c = chunkOf("Points3D");
    expect(c.rowIdField.name).toBe("rerun.controls.RowId");
    expect(sig(c.rowIdField.type)).toBe("Struct{time_ns: u64, inc: u64}");
    expect([...c.rowIdField.metadata]).toEqual([["rerun.kind", "control"]]);
    expect(c.timelines.map((t) => [t.name, sig(t.field.type), [...t.field.metadata]])).toEqual([
      ["log_tick", "i64", [["rerun.is_sorted", ""], ["rerun.kind", "time"]]],
      ["log_time", "Timestamp(ns)", [["rerun.is_sorted", ""], ["rerun.kind", "time"]]],
    ]);
  });
});
