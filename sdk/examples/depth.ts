/** DepthImage and SegmentationImage with an AnnotationContext. `bun sdk/examples/depth.ts --save depth.rrd` */
import * as rr from "../index.ts";
import { start } from "./sink.ts";

start("rerun_example_ts_depth");
const [w, h] = [32, 24];
rr.log("scene", new rr.AnnotationContext([[1, "ground", [0, 160, 0]], { info: { id: 2, label: "box", color: [200, 0, 0] } }]), { static: true });
for (let frame = 0; frame < 4; frame++) {
  rr.setTimeSequence("frame", frame);
  const depth = new Uint16Array(w * h).map((_, i) => 500 + (i % w) * 20 + frame * 100);
  rr.log("scene/depth", new rr.DepthImage({ data: depth, shape: [h, w] }, { meter: 1000, colormap: "Viridis" }));
  const classes = new Uint8Array(w * h).map((_, i) => (Math.floor(i / w) > h / 2 ? 1 : (i % w) > 10 + frame && (i % w) < 20 + frame ? 2 : 0));
  rr.log("scene/segmentation", new rr.SegmentationImage({ data: classes, shape: [h, w] }, { opacity: 0.5 }));
}
