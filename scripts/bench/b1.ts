/**
 * B1: Points3D chunks of 100 k and 1 M points: decode-only against the memcpy-level framing walk, and
 * over TCP (a client thread sending 0.22 packets to our server, data retained in the store) against a
 * raw Bun framed-socket sink receiving the same bytes from the same client.
 */
import { encodePacketStream } from "../../store/encoder.ts";
import { decodeAll } from "./decode.ts";
import { copyFrames } from "./frames.ts";
import { Gen } from "./gen.ts";
import { rates, RUNS } from "./measure.ts";
import type { Row, Scenario, Size } from "./scenario.ts";
import { Client, type Packets, packetsOf, tcpRates } from "./tcp.ts";

const CASES: Record<Size, { points: number; chunks: number }[]> = {
  tiny: [{ points: 10_000, chunks: 4 }, { points: 100_000, chunks: 2 }],
  full: [{ points: 100_000, chunks: 100 }, { points: 1_000_000, chunks: 10 }],
};
/** Over TCP: 2 GB per run at full size. */
const TCP_CASES: Record<Size, { points: number; chunks: number }[]> = {
  tiny: [{ points: 10_000, chunks: 50 }, { points: 100_000, chunks: 5 }],
  full: [{ points: 100_000, chunks: 1000 }, { points: 1_000_000, chunks: 100 }],
};

/** `chunks` one-row Points3D chunks of `points` points, one 0.22 TCP packet each (built in the client's thread). */
export function pointPackets(points: number, chunks: number, seed = 1): Packets {
  const g = new Gen(seed);
  return packetsOf(Array.from({ length: chunks }, () => g.msg(g.points("/world/lidar", points))));
}

function decodeRow(points: number, chunks: number): Row {
  const g = new Gen(1);
  const packets = Array.from({ length: chunks }, () => encodePacketStream(g.msg(g.points("/world/lidar", points))));
  const mb = packets.reduce((n, p) => n + p.length, 0) / 1e6;
  // As the TCP server does, each packet is pushed on its own and handed over, so every run gets fresh copies.
  let fresh: Uint8Array[] = [];
  const before = () => (fresh = packets.map((p) => p.slice()));
  const [ours, anchor] = rates(mb, [() => decodeAll(fresh, { adopt: true, arrays: true }), () => copyFrames(fresh)], 1, { before });
  return {
    scenario: `B1 decode ${chunks} × ${points / 1000} k-point chunks`,
    ours: { ...ours!, unit: "MB/s" },
    anchor: { ...anchor!, unit: "MB/s", name: "framing walk + memcpy" },
    target: { on: "ratio", op: ">=", value: 0.65 },
  };
}

async function tcpRow(points: number, chunks: number): Promise<Row> {
  const client = await Client.start({ module: import.meta.path, fn: "pointPackets", args: [points, chunks] });
  try {
    const { ours, sink, faultsNote } = await tcpRates(client, RUNS, chunks);
    return {
      scenario: `B1 TCP ${chunks} × ${points / 1000} k-point chunks (${(client.bytes / 1e6).toFixed(0)} MB) into the store`,
      ours: { ...ours, unit: "MB/s" },
      anchor: { ...sink, unit: "MB/s", name: "raw Bun framed-socket sink" },
      target: { on: "ratio", op: ">=", value: 0.5 },
      note: faultsNote,
    };
  } finally {
    client.close();
  }
}

export const b1: Scenario = {
  id: "B1",
  title: "Points3D chunks of 100 k and 1 M points: decode-only, and over TCP into the store",
  run: async (size) => {
    const rows = CASES[size].map(({ points, chunks }) => decodeRow(points, chunks));
    for (const { points, chunks } of TCP_CASES[size]) rows.push(await tcpRow(points, chunks));
    return rows;
  },
};
