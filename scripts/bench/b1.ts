/** B1: Points3D chunks of 100 k and 1 M points, decode-only, against the memcpy-level framing walk. */
import { encodePacketStream } from "../../store/encoder.ts";
import { decodeAll } from "./decode.ts";
import { copyFrames } from "./frames.ts";
import { Gen } from "./gen.ts";
import { rates } from "./measure.ts";
import type { Row, Scenario, Size } from "./scenario.ts";

const CASES: Record<Size, { points: number; chunks: number }[]> = {
  tiny: [{ points: 10_000, chunks: 4 }, { points: 100_000, chunks: 2 }],
  full: [{ points: 100_000, chunks: 100 }, { points: 1_000_000, chunks: 10 }],
};

export const b1: Scenario = {
  id: "B1",
  title: "Points3D chunks of 100 k and 1 M points, decode-only (uncompressed packet streams → chunks)",
  run: (size) => CASES[size].map(({ points, chunks }): Row => {
    const g = new Gen(1);
    const packets = Array.from({ length: chunks }, () => encodePacketStream(g.msg(g.points("/world/lidar", points))));
    const mb = packets.reduce((n, p) => n + p.length, 0) / 1e6;
    // As the TCP server does, each packet is pushed on its own and handed over, so every run gets fresh copies.
    let fresh: Uint8Array[] = [];
    const before = () => (fresh = packets.map((p) => p.slice()));
    const [ours, anchor] = rates(mb, [() => decodeAll(fresh, { adopt: true }), () => copyFrames(fresh)], 1, { before });
    return {
      scenario: `B1 decode ${chunks} × ${points / 1000} k-point chunks`,
      ours: { ...ours!, unit: "MB/s" },
      anchor: { ...anchor!, unit: "MB/s", name: "framing walk + memcpy" },
      target: { on: "ratio", op: ">=", value: 0.65 },
    };
  }),
};
