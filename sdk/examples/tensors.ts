/** Tensor and BarChart. `bun sdk/examples/tensors.ts --save tensors.rrd` */
import * as rr from "../index.ts";
import { start } from "./sink.ts";

start("rerun_example_ts_tensors");
for (let step = 0; step < 3; step++) {
  rr.setTimeSequence("step", step);
  const data = new Float32Array(4 * 5 * 6).map((_, i) => Math.sin(i * 0.1 + step));
  rr.log("tensor", new rr.Tensor({ data, shape: [4, 5, 6] }, { dimNames: ["batch", "height", "width"] }));
  rr.log("bars", new rr.BarChart(new Int32Array([1, 4, 9, 16].map((v) => v + step)), { color: [255, 200, 0] }));
}
