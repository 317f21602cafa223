/** LineStrips3D, LineStrips2D, Arrows3D and Arrows2D. `bun sdk/examples/lines.ts --save lines.rrd` */
import * as rr from "../index.ts";
import { start } from "./sink.ts";

start("rerun_example_ts_lines");
for (let frame = 0; frame < 5; frame++) {
  rr.setTimeSequence("frame", frame);
  const wave = new Float32Array(3 * 50);
  for (let i = 0; i < 50; i++) wave.set([i * 0.1, Math.sin(i * 0.3 + frame), 0], 3 * i);
  rr.log("strips3d", new rr.LineStrips3D([wave, [[0, 0, 0], [0, 0, 2]]], { colors: [[255, 0, 255], [255, 255, 255]], radii: [0.02, 0.05] }));
  rr.log("strips2d", new rr.LineStrips2D([[[0, 0], [frame, 5], [10, 0]]]));
  rr.log("arrows3d", new rr.Arrows3D({ vectors: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], colors: [[255, 0, 0], [0, 255, 0], [0, 0, 255]] }));
  rr.log("arrows2d", new rr.Arrows2D({ origins: [[0, 0]], vectors: [[Math.cos(frame), Math.sin(frame)]] }));
}
