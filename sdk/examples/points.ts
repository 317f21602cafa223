/** Points3D and Points2D: a growing colored spiral over 10 frames. `bun sdk/examples/points.ts --save points.rrd` */
import * as rr from "../index.ts";
import { start } from "./sink.ts";

start("rerun_example_ts_points");
const RED = [255, 0, 0], GREEN = [0, 255, 0], BLUE = [0, 0, 255];
for (let frame = 0; frame < 10; frame++) {
  rr.setTimeSequence("frame", frame);
  const n = 30;
  const positions = new Float32Array(3 * n);
  const colors = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 4 * Math.PI + frame * 0.1;
    positions.set([Math.cos(a) * (1 + i * 0.1), Math.sin(a) * (1 + i * 0.1), i * 0.2], 3 * i);
    colors.set(i % 3 === 0 ? RED : i % 3 === 1 ? GREEN : BLUE, 3 * i);
  }
  rr.log("spiral", new rr.Points3D(positions, { colors, radii: 0.25, labels: frame === 9 ? ["start"] : undefined }));
  rr.log("flat", new rr.Points2D([[frame, frame], [frame + 1, frame]], { colors: [0xffff00ff, 0x00ffffff], radii: 0.5 }));
}
