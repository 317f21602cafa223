/** LineStrips3D, LineStrips2D, Arrows3D and Arrows2D. */
import { archetypeClass, type FieldValues } from "../archetype.ts";
import * as C from "../components/index.ts";
import type { VecLike } from "../convert/vectors.ts";

const STRIPS3D = {
  strips: [C.LineStrip3D, "required"],
  radii: [C.Radius, "recommended"],
  colors: [C.Color, "recommended"],
  labels: [C.Text, "optional"],
  showLabels: [C.ShowLabels, "optional"],
  classIds: [C.ClassId, "optional"],
} as const;

const STRIPS2D = {
  strips: [C.LineStrip2D, "required"],
  radii: [C.Radius, "recommended"],
  colors: [C.Color, "recommended"],
  labels: [C.Text, "optional"],
  showLabels: [C.ShowLabels, "optional"],
  drawOrder: [C.DrawOrder, "optional"],
  classIds: [C.ClassId, "optional"],
} as const;

const ARROWS3D = {
  vectors: [C.Vector3D, "required"],
  origins: [C.Position3D, "recommended"],
  radii: [C.Radius, "optional"],
  colors: [C.Color, "optional"],
  labels: [C.Text, "optional"],
  showLabels: [C.ShowLabels, "optional"],
  classIds: [C.ClassId, "optional"],
} as const;

const ARROWS2D = {
  vectors: [C.Vector2D, "required"],
  origins: [C.Position2D, "recommended"],
  radii: [C.Radius, "optional"],
  colors: [C.Color, "optional"],
  labels: [C.Text, "optional"],
  showLabels: [C.ShowLabels, "optional"],
  drawOrder: [C.DrawOrder, "optional"],
  classIds: [C.ClassId, "optional"],
} as const;

/** The fields of LineStrips3D. */
export type LineStrips3DFields = FieldValues<typeof STRIPS3D>;
/** The fields of LineStrips2D. */
export type LineStrips2DFields = FieldValues<typeof STRIPS2D>;
/** The fields of Arrows3D. */
export type Arrows3DFields = FieldValues<typeof ARROWS3D>;
/** The fields of Arrows2D. */
export type Arrows2DFields = FieldValues<typeof ARROWS2D>;

/** 3D polylines: `new LineStrips3D([strip, …], { colors, radii })`, each strip flat or [[x, y, z], …]. */
export class LineStrips3D extends archetypeClass("LineStrips3D", STRIPS3D) {
  constructor(strips: readonly VecLike[], opts: Omit<LineStrips3DFields, "strips"> = {}) {
    super({ ...opts, strips });
  }
}

/** 2D polylines: `new LineStrips2D([strip, …], { colors, radii })`. */
export class LineStrips2D extends archetypeClass("LineStrips2D", STRIPS2D) {
  constructor(strips: readonly VecLike[], opts: Omit<LineStrips2DFields, "strips"> = {}) {
    super({ ...opts, strips });
  }
}

/** 3D arrows: `new Arrows3D({ vectors, origins, colors })`. */
export class Arrows3D extends archetypeClass("Arrows3D", ARROWS3D) {
  constructor(opts: Arrows3DFields & { vectors: VecLike }) {
    super(opts);
  }
}

/** 2D arrows: `new Arrows2D({ vectors, origins, colors })`. */
export class Arrows2D extends archetypeClass("Arrows2D", ARROWS2D) {
  constructor(opts: Arrows2DFields & { vectors: VecLike }) {
    super(opts);
  }
}
