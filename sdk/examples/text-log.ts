/** TextLog lines at every level, plus AnyValues and a Clear. `bun sdk/examples/text-log.ts --save log.rrd` */
import * as rr from "../index.ts";
import { start } from "./sink.ts";

start("rerun_example_ts_text_log");
const levels = Object.values(rr.TextLogLevel);
levels.forEach((level, i) => {
  rr.setTimeSeconds("sim_time", 1_700_000_000 + i * 0.5);
  rr.log("log", new rr.TextLog(`a ${level.toLowerCase()} message`, { level }), new rr.AnyValues({ index: i, source: "example" }));
});
rr.log("log", new rr.Clear({ recursive: false }));
