/** B1: Points3D chunks of 100 k and 1 M points, decode-only, against the memcpy-level framing walk. */
import { encodePacketStream } from "../../store/encoder.ts";
import { decodeAll } from "./decode.ts";
import { copyFrames, Parts } from "./frames.ts";
import { Gen } from "./gen.ts";
import { rate } from "./measure.ts";
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
    const parts = new Parts();
    for (let i = 0; i < chunks; i++) parts.add(encodePacketStream(g.msg(g.points("/world/lidar", points))));
    const list = parts.done(), mb = parts.bytes / 1e6;
    return {
      scenario: `B1 decode ${chunks} × ${points / 1000} k-point chunks`,
      ours: { ...rate(mb, () => decodeAll(list)), unit: "MB/s" },
      anchor: { ...rate(mb, () => copyFrames(list)), unit: "MB/s", name: "framing walk + memcpy" },
      target: { on: "ratio", op: ">=", value: 0.65 },
    };
  }),
};
