/**
 * B2: a mixed recording made by our SDK (its batcher, Rerun's 1 MiB / 8 ms defaults) sent over TCP
 * into our server and store, against the raw Bun framed-socket sink receiving the same bytes.
 */
import * as rr from "../../sdk/index.ts";
import { decodeRrd } from "../../store/decoder.ts";
import { concat } from "../../store/encoder.ts";
import { Gen } from "./gen.ts";
import { RUNS } from "./measure.ts";
import type { Row, Scenario, Size } from "./scenario.ts";
import { Client, type DataSpec, type Packets, packetsOf, tcpRates } from "./tcp.ts";

/** Frames per run: ~1.6 MB each (a 640×480 RGB image, 40 k points, 4 transforms, 16 scalars). */
export const B2_FRAMES: Record<Size, number> = { tiny: 8, full: 640 };
const W = 640, H = 480, POINTS = 40_000, TRANSFORMS = 4, SCALARS = 16;
/** Distinct noisy images and clouds, logged in turn (generating each frame's noise would dominate the set-up). */
const POOL = 8;

/**
 * `frames` frames logged with the SDK and cut into chunks by its batcher; the 8 ms tick is emulated by a
 * flush after every frame (a 30 fps camera is 33 ms apart), so images and clouds are ~0.6–0.9 MB chunks
 * and the transforms and scalars of each frame small ones in between, as a live robot sends them.
 */
export function mixedPackets(frames: number, seed = 2): Packets {
  const g = new Gen(seed);
  const rec = new rr.RecordingStream("bench-b2", { batcher: { flushTickSec: 3600 } });
  const stream = rec.binaryStream();
  const parts: Uint8Array[] = [];
  const gradient = new Uint8Array(W * H * 3).map((_, i) => (i % 3 === 0 ? ((i / 3) % W) * 255 / W : i % 3 === 1 ? Math.floor(i / 3 / W) * 255 / H : 128));
  const images = Array.from({ length: POOL }, () => gradient.map((v) => v + g.gauss() * 12));
  const clouds = Array.from({ length: POOL }, (_, k) => new Float32Array(POINTS * 3).map((_, i) => (i % 3 === 2 ? 0.5 : 5) * Math.sin(k + i * 0.37) + g.gauss() * 0.02));
  const colors = new Uint8Array(POINTS * 3).map((_, i) => (i * 7) & 255);
  for (let f = 0; f < frames; f++) {
    rec.setTimeSequence("frame", f);
    rec.log("world/camera/image", new rr.Image({ data: images[f % POOL]!, shape: [H, W, 3] }));
    rec.log("world/lidar", new rr.Points3D(clouds[f % POOL]!, { colors }));
    for (let t = 0; t < TRANSFORMS; t++) {
      rec.log(`world/robot/link${t}`, new rr.Transform3D({ translation: [Math.sin(f * 0.05 + t), Math.cos(f * 0.05), 0.1 * t], rotation: { axis: [0, 0, 1], radians: f * 0.01 * (t + 1) } }));
    }
    for (let s = 0; s < SCALARS; s++) rec.log(`sensors/s${s}`, new rr.Scalar(Math.sin(f / 20 + s) + g.gauss() * 0.05));
    parts.push(stream.read()!);
  }
  return packetsOf(decodeRrd(concat(parts)));
}

/** The client's data for `size` (B11 and B12 send the same). */
export function mixedSpec(size: Size): DataSpec {
  return { module: import.meta.path, fn: "mixedPackets", args: [B2_FRAMES[size]] };
}

export const b2: Scenario = {
  id: "B2",
  title: "SDK-batched mixed chunks (Points3D, Transform3D, Scalar, 640×480 RGB Image) over TCP into the store",
  run: async (size) => {
    const client = await Client.start(mixedSpec(size));
    try {
      const arrows = client.frames.filter((f) => f >= 0).length;
      const { ours, sink, faultsNote } = await tcpRates(client, RUNS, arrows);
      const row: Row = {
        scenario: `B2 TCP ${B2_FRAMES[size]} frames, ${client.count} SDK chunks (${(client.bytes / 1e6).toFixed(0)} MB) into the store`,
        ours: { ...ours, unit: "MB/s" },
        anchor: { ...sink, unit: "MB/s", name: "raw Bun framed-socket sink" },
        target: { on: "ratio", op: ">=", value: 0.5 },
        note: faultsNote,
      };
      return [row];
    } finally {
      client.close();
    }
  },
};
