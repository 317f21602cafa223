/** sendColumns: a whole time series and a moving point cloud in two calls. `bun sdk/examples/columns.ts --save columns.rrd` */
import * as rr from "../index.ts";
import { start } from "./sink.ts";

start("rerun_example_ts_columns");
const steps = Array.from({ length: 64 }, (_, i) => i);
rr.sendColumns("scalars", [new rr.TimeSequenceColumn("step", steps)], rr.Scalar.columns({ scalar: Float64Array.from(steps, (s) => Math.sin(s / 10)) }));

const frames = [0, 1, 2, 3, 4];
const positions = new Float32Array(frames.length * 2 * 3).map((_, i) => (i % 3) + Math.floor(i / 6));
rr.sendColumns(
  "points",
  [new rr.TimeSequenceColumn("step", frames), new rr.TimeSecondsColumn("time", frames.map((f) => 1_700_000_000 + f))],
  rr.Points3D.columns({ positions, colors: new Uint8Array(frames.length * 2 * 3).fill(200) }).partition(frames.map(() => 2)),
);
