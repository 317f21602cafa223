/**
 * B11: receive → queryable latency. B2's data is sent paced at half the rate our server ingested it in
 * this run; per ArrowMsg, the time from the client handing its packet to the socket to a store
 * subscriber (`chunk-added`) seeing its chunk. The anchor is a constant: Rerun's 8 ms batcher tick.
 */
import { mixedSpec } from "./b2.ts";
import { exact, RUNS, stat, type Stat } from "./measure.ts";
import type { Row, Scenario } from "./scenario.ts";
import { Client, nowMs, ourReceiver, transfer } from "./tcp.ts";

/** Runs of B2's transfer that set the pace (after a warm-up). */
const RATE_RUNS = 3;

/** The `q` quantile (0–1) of `values`. */
function quantile(values: Float64Array, q: number): number {
  const v = values.slice().sort();
  return v[Math.min(v.length - 1, Math.floor(q * v.length))]!;
}

export const b11: Scenario = {
  id: "B11",
  title: "Receive → queryable latency at half of B2's rate (B2's data, paced)",
  run: async (size) => {
    const client = await Client.start(mixedSpec(size));
    try {
      const arrowAt = client.frames.flatMap((f, i) => (f >= 0 ? [i] : []));
      const secs: number[] = [];
      for (let i = 0; i <= RATE_RUNS; i++) {
        Bun.gc(true);
        const { secs: s } = await transfer(client, (n) => ourReceiver(n), arrowAt.length);
        if (i > 0) secs.push(s);
      }
      const rate = client.bytes / stat(secs).median;
      const p50: number[] = [], p99: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        Bun.gc(true);
        const seen = new Float64Array(arrowAt.length);
        let k = 0;
        const { sent } = await transfer(client, (n) => ourReceiver(n, () => void (seen[k++] = nowMs())), arrowAt.length, rate / 2);
        const lat = seen.map((t, j) => t - sent.sent[arrowAt[j]!]!);
        if (i > 0) (p50.push(quantile(lat, 0.5)), p99.push(quantile(lat, 0.99)));
      }
      const tick = { ...exact(8), unit: "ms", name: "Rerun's batcher tick (a constant)" };
      const note = `paced at ${(rate / 2e6).toFixed(0)} MB/s = half of B2's ${(rate / 1e6).toFixed(0)} MB/s in this run`;
      const ms = (s: Stat) => ({ ...s, unit: "ms" });
      return [
        { scenario: `B11 latency p50, ${client.count} packets`, ours: ms(stat(p50)), anchor: tick, target: { on: "ours", op: "<=", value: 2 }, note },
        { scenario: `B11 latency p99, ${client.count} packets`, ours: ms(stat(p99)), anchor: tick, target: { on: "ours", op: "<=", value: 10 }, note },
      ] satisfies Row[];
    } finally {
      client.close();
    }
  },
};
