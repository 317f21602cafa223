/** Scalar (one time-series sample), SeriesLine and SeriesPoint (how a series is drawn). */
import { archetypeClass, type FieldValues } from "../archetype.ts";
import * as C from "../components/index.ts";

const SCALAR = { scalar: [C.Scalar, "required"] } as const;

const LINE = {
  color: [C.Color, "optional"],
  width: [C.StrokeWidth, "optional"],
  name: [C.Name, "optional"],
  aggregationPolicy: [C.AggregationPolicy, "optional"],
} as const;

const POINT = {
  color: [C.Color, "optional"],
  marker: [C.MarkerShape, "optional"],
  name: [C.Name, "optional"],
  markerSize: [C.MarkerSize, "optional"],
} as const;

/** The fields of Scalar. */
export type ScalarFields = FieldValues<typeof SCALAR>;
/** The fields of SeriesLine. */
export type SeriesLineFields = FieldValues<typeof LINE>;
/** The fields of SeriesPoint. */
export type SeriesPointFields = FieldValues<typeof POINT>;

/** One sample of a time series: `log("loss", new Scalar(0.25))`; many at once with `Scalar.columns({ scalar })`. */
export class Scalar extends archetypeClass("Scalar", SCALAR) {
  constructor(scalar: number) {
    super({ scalar });
  }
}

/** How a series is drawn as a line (usually logged static): `new SeriesLine({ color: [255, 0, 0], width: 2, name: "loss" })`. */
export class SeriesLine extends archetypeClass("SeriesLine", LINE) {
  constructor(opts: SeriesLineFields = {}) {
    super(opts);
  }
}

/** How a series is drawn as points: `new SeriesPoint({ marker: "cross", markerSize: 4 })`. */
export class SeriesPoint extends archetypeClass("SeriesPoint", POINT) {
  constructor(opts: SeriesPointFields = {}) {
    super(opts);
  }
}
