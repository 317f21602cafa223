/**
 * Generates the demo recording `npm start` serves: a small robot scene logged with our own SDK
 * (points, boxes, a trajectory, transforms, an image, scalars, a text log and a document).
 * `bun scripts/demo.ts dist/demo.rrd`
 */
import * as rr from "../sdk/index.ts";

const out = process.argv[2] ?? "dist/demo.rrd";
const FRAMES = 120;

/** A seeded PRNG so the demo is the same every time. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

rr.init("rerun_example_ts_demo", { recordingId: "demo" });
rr.save(out);
const rand = rng(7);

rr.log("world", rr.ViewCoordinates.RIGHT_HAND_Z_UP, { static: true });
rr.log("readme", new rr.TextDocument(
  "# Demo\n\nA robot drives around an obstacle field while its lidar sees a **noisy point cloud**.\n\n" +
    "- scrub the timeline below\n- click a point to inspect it\n- open the official viewer at `/rerun/`",
  { mediaType: rr.MediaType.MARKDOWN },
), { static: true });
rr.log("world/obstacles", new rr.Boxes3D({
  centers: [[4, 0, 0.5], [-3, 3, 0.75], [0, -4, 0.4]],
  halfSizes: [[0.5, 0.5, 0.5], [0.75, 0.4, 0.75], [1, 0.3, 0.4]],
  colors: [[230, 90, 60], [240, 190, 40], [120, 80, 220]],
  labels: ["crate", "shelf", "wall"],
}), { static: true });
rr.log("metrics/speed", new rr.SeriesLine({ color: [80, 180, 255], name: "speed (m/s)", width: 2 }), { static: true });
rr.log("metrics/battery", new rr.SeriesLine({ color: [120, 220, 120], name: "battery (%)", width: 2 }), { static: true });

const trail: number[][] = [];
for (let frame = 0; frame < FRAMES; frame++) {
  const t = frame / FRAMES * 2 * Math.PI;
  rr.setTimeSequence("frame", frame);
  rr.setTimeSeconds("sim_time", frame * 0.1);
  const [x, y] = [2.2 * Math.cos(t), 2.2 * Math.sin(t)];
  trail.push([x, y, 0.05]);
  rr.log("world/robot", new rr.Transform3D({ translation: [x, y, 0], rotation: { axis: [0, 0, 1], radians: t + Math.PI / 2 } }));
  rr.log("world/robot/body", new rr.Boxes3D({ halfSizes: [[0.3, 0.2, 0.15]], centers: [[0, 0, 0.15]], colors: [[40, 160, 255]], fillMode: "Solid" }));

  const n = 2000;
  const positions = new Float32Array(3 * n);
  const colors = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    const a = rand() * 2 * Math.PI, r = 1 + 0.05 * (rand() - 0.5), z = rand() * 0.6;
    positions.set([x + r * Math.cos(a) * 1.5, y + r * Math.sin(a) * 1.5, z], 3 * i);
    colors.set([255, Math.round(255 * z / 0.6), 60], 3 * i);
  }
  rr.log("world/lidar", new rr.Points3D(positions, { colors, radii: 0.02 }));
  rr.log("world/trajectory", new rr.LineStrips3D([trail], { colors: [[255, 255, 255]], radii: 0.02 }));

  const speed = 1 + 0.3 * Math.sin(3 * t) + 0.05 * rand();
  rr.log("metrics/speed", new rr.Scalar(speed));
  rr.log("metrics/battery", new rr.Scalar(100 - frame * 0.4));
  if (frame % 20 === 0) rr.log("log", new rr.TextLog(`checkpoint ${frame / 20}: speed ${speed.toFixed(2)} m/s`, { level: rr.TextLogLevel.INFO }));
  if (frame === 77) rr.log("log", new rr.TextLog("obstacle close: slowing down", { level: rr.TextLogLevel.WARN }));

  if (frame % 10 === 0) {
    const [w, h] = [64, 48];
    const rgb = new Uint8Array(w * h * 3);
    for (let py = 0; py < h; py++) for (let px = 0; px < w; px++) rgb.set([(px * 4 + frame * 2) & 255, py * 5, 160], 3 * (py * w + px));
    rr.log("camera/image", new rr.Image({ data: rgb, shape: [h, w, 3] }));
  }
}
await rr.flush({ blocking: true });
rr.disconnect();
console.error(`demo recording written to ${out}`);
