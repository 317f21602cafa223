/** Rerun 0.22 component and archetype names used by the viewer (spec §6–§7). */

const c = (name: string) => `rerun.components.${name}`;

/** Full component column names, by short name. */
export const C = {
  Position3D: c("Position3D"),
  Position2D: c("Position2D"),
  Vector3D: c("Vector3D"),
  Vector2D: c("Vector2D"),
  HalfSize3D: c("HalfSize3D"),
  HalfSize2D: c("HalfSize2D"),
  Translation3D: c("Translation3D"),
  RotationQuat: c("RotationQuat"),
  RotationAxisAngle: c("RotationAxisAngle"),
  Scale3D: c("Scale3D"),
  TransformMat3x3: c("TransformMat3x3"),
  TransformRelation: c("TransformRelation"),
  AxisLength: c("AxisLength"),
  PoseTranslation3D: c("PoseTranslation3D"),
  PoseRotationQuat: c("PoseRotationQuat"),
  PoseRotationAxisAngle: c("PoseRotationAxisAngle"),
  PoseScale3D: c("PoseScale3D"),
  LineStrip3D: c("LineStrip3D"),
  LineStrip2D: c("LineStrip2D"),
  TriangleIndices: c("TriangleIndices"),
  ViewCoordinates: c("ViewCoordinates"),
  PinholeProjection: c("PinholeProjection"),
  Resolution: c("Resolution"),
  ImagePlaneDistance: c("ImagePlaneDistance"),
  Color: c("Color"),
  AlbedoFactor: c("AlbedoFactor"),
  Radius: c("Radius"),
  DrawOrder: c("DrawOrder"),
  Opacity: c("Opacity"),
  FillMode: c("FillMode"),
  StrokeWidth: c("StrokeWidth"),
  MarkerSize: c("MarkerSize"),
  MarkerShape: c("MarkerShape"),
  Colormap: c("Colormap"),
  DepthMeter: c("DepthMeter"),
  FillRatio: c("FillRatio"),
  ValueRange: c("ValueRange"),
  Text: c("Text"),
  ShowLabels: c("ShowLabels"),
  ClassId: c("ClassId"),
  KeypointId: c("KeypointId"),
  Name: c("Name"),
  TextLogLevel: c("TextLogLevel"),
  Scalar: c("Scalar"),
  AnnotationContext: c("AnnotationContext"),
  Blob: c("Blob"),
  ImageBuffer: c("ImageBuffer"),
  ImageFormat: c("ImageFormat"),
  MediaType: c("MediaType"),
  TensorData: c("TensorData"),
} as const;

/** The archetype a component column belongs to, from its descriptor or its indicator name. */
export function archetypeShortName(full: string): string {
  return full.replace(/^rerun\.archetypes\./, "");
}

/** `rerun.components.Points3DIndicator` → `Points3D`, else null. */
export function indicatorArchetype(component: string): string | null {
  const m = /^rerun\.components\.(\w+)Indicator$/.exec(component);
  return m ? m[1]! : null;
}

/** The short name of a component (`rerun.components.Color` → `Color`). */
export function componentShortName(full: string): string {
  return full.replace(/^rerun\.components\./, "");
}
