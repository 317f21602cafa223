/** Boxes3D and Boxes2D. `bun sdk/examples/boxes.ts --save boxes.rrd` */
import * as rr from "../index.ts";
import { start } from "./sink.ts";

start("rerun_example_ts_boxes");
for (let frame = 0; frame < 5; frame++) {
  rr.setTimeSequence("frame", frame);
  rr.log("boxes3d", new rr.Boxes3D({
    sizes: [[1, 1, 1], [2, 1, 0.5]],
    centers: [[0, 0, 0], [3, 0, frame * 0.2]],
    quaternions: [[0, 0, 0, 1], [0, 0, Math.sin(frame / 4), Math.cos(frame / 4)]],
    colors: [[255, 128, 0], [0, 128, 255]],
    fillMode: "Solid",
    labels: ["a", "b"],
  }));
  rr.log("boxes2d", new rr.Boxes2D({ mins: [[frame * 10, 0]], sizes: [[20, 10]], labels: ["moving"] }));
}
