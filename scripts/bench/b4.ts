/**
 * B4: 1 048 576 scalars on one timeline, as 1000-row and as 1-row chunks, sent as 0.22 TCP packet streams,
 * decoded and added to the store (`Hub.add`, compaction as the server runs it); the memory the store
 * retains per row once the inputs are dropped, against Rerun 0.20's 38 B/row (a constant).
 */
import { F64 } from "../../store/arrow/make.ts";
import { batch, chunkBuilder, descriptor, timeNs } from "../../store/build.ts";
import type { Chunk } from "../../store/chunk.ts";
import { encodePacketStream } from "../../store/encoder.ts";
import { Parts } from "./frames.ts";
import { Gen } from "./gen.ts";
import { exact, RUNS, type Stat } from "./measure.ts";
import { fillHub, retainedRuns, runsOf } from "./retained.ts";
import type { Row, Scenario } from "./scenario.ts";

/** Tiny: one run of each (a sanity check). */
const SIZES = { tiny: { total: 16_384, runs: 1 }, full: { total: 1_048_576, runs: RUNS } };
const CHUNK_ROWS = [1000, 1];
const SCALAR = descriptor("rerun.components.Scalar", "rerun.archetypes.Scalar", "scalar");
/** Rerun 0.20's figure for 1 M scalars on one timeline (its release notes); not measured here. */
const RERUN_0_20 = { ...exact(38), unit: "B/row", name: "Rerun 0.20: 38 B/row (constant, not measured)" };

/** A chunk of `rows` noisy scalars on the one timeline `log_time` (ns), row ids as an SDK makes them. */
function scalars(g: Gen, rows: number): Chunk {
  const b = chunkBuilder("/plots/signal");
  for (let i = 0; i < rows; i++) {
    const id = g.tuid();
    b.row({ log_time: timeNs(id.timeNs) }, [batch(SCALAR, F64, [Math.sin(Number(id.timeNs % 1_000_000_000n) / 1e8) + g.gauss() * 0.1])], id);
  }
  return b.build(g.tuid());
}

/** `total` scalars as packet streams of `rows`-row chunks, packed into large parts. */
function packets(total: number, rows: number): Uint8Array[] {
  const g = new Gen(4), parts = new Parts();
  for (let done = 0; done < total; done += rows) parts.add(encodePacketStream(g.msg(scalars(g, Math.min(rows, total - done)))));
  return parts.done();
}

const perRow = (s: Stat, rows: number) => ({ median: s.median / rows, min: s.min / rows, max: s.max / rows, unit: "B/row" });

export const b4: Scenario = {
  id: "B4",
  title: "1 M scalars on one timeline (1000-row and 1-row chunks) → store: retained bytes per row",
  run: async (size) => {
    const { total, runs } = SIZES[size];
    const rows: Row[] = [];
    for (const n of CHUNK_ROWS) {
      const parts = packets(total, n);
      const { retained, counted } = await retainedRuns(() => fillHub(parts, false), runsOf(runs));
      const scenario = `B4 ${total} scalars as ${n}-row chunks`;
      rows.push(
        { scenario, ours: perRow(retained, total), anchor: RERUN_0_20, target: { on: "ours", op: "<=", value: 40 }, note: "retained: JS heap after GC" },
        { scenario, ours: perRow(counted, total), anchor: RERUN_0_20, target: null, note: "the store's counted bytes" },
      );
    }
    return rows;
  },
};
