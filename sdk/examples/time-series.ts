/** Scalar samples styled by SeriesLine and SeriesPoint. `bun sdk/examples/time-series.ts --save series.rrd` */
import * as rr from "../index.ts";
import { start } from "./sink.ts";

start("rerun_example_ts_time_series");
rr.log("trig/sin", new rr.SeriesLine({ color: [255, 0, 0], name: "sin(0.01t)", width: 2 }), { static: true });
rr.log("trig/cos", new rr.SeriesPoint({ color: [0, 255, 0], name: "cos(0.01t)", marker: "cross", markerSize: 3 }), { static: true });
for (let t = 0; t < 200; t++) {
  rr.setTimeSequence("step", t);
  rr.log("trig/sin", new rr.Scalar(Math.sin(t / 100)));
  rr.log("trig/cos", new rr.Scalar(Math.cos(t / 100)));
}
