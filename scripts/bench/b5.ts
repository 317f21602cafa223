/**
 * B5: memory per stored wire byte. B1's 100 k-point chunks (each packet handed over to the decoder, as the
 * TCP server can) and B3's one-row messages over many entities (compacted on insert) go into the store;
 * the memory it retains once the inputs are dropped, divided by the packet bytes. Plus the idle RSS of the
 * compiled binary in its default role, against an idle `bun`.
 */
import { encodePacketStream } from "../../store/encoder.ts";
import { Parts } from "./frames.ts";
import { Gen } from "./gen.ts";
import { interleaved } from "./interleave.ts";
import { exact, RUNS, stat, type Stat } from "./measure.ts";
import { benchBinary, DEFAULT_ROLE, kill, LISTENING, settledRss, spawnQuiet, spawnUntil } from "./proc.ts";
import { fillHub, retainedRuns, runsOf } from "./retained.ts";
import type { Row, Scenario, Size } from "./scenario.ts";

/** Tiny: one run each (a sanity check), on large chunks big enough to stand out of the heap's noise. */
const SIZES: Record<Size, { points: number; chunks: number; tiny: number; entities: number; runs: number }> = {
  tiny: { points: 100_000, chunks: 10, tiny: 5_000, entities: 1000, runs: 1 },
  full: { points: 100_000, chunks: 100, tiny: 1_000_000, entities: 10_000, runs: RUNS },
};
/** Rerun's own goal for memory per byte of data; a constant. */
const GOAL = { ...exact(1.2), unit: "×", name: "Rerun's own ≤ 1.2× goal (constant)" };
const MB = 1e6;

const per = (s: Stat, d: number, unit: string) => ({ median: s.median / d, min: s.min / d, max: s.max / d, unit });
const sum = (bs: Uint8Array[]) => bs.reduce((n, b) => n + b.length, 0);

/** The memory rows of one data set: retained and counted bytes per wire byte. */
function memoryRows(scenario: string, wire: number, r: { retained: Stat; counted: Stat }, target: number): Row[] {
  return [
    { scenario, ours: per(r.retained, wire, "×"), anchor: GOAL, target: { on: "ours", op: "<=", value: target }, note: "retained ÷ wire bytes" },
    { scenario, ours: per(r.counted, wire, "×"), anchor: GOAL, target: null, note: "the store's counted bytes ÷ wire bytes" },
  ];
}

/** Idle RSS in bytes of the binary's default role (after its listening line) and of an idle `bun`, interleaved. */
async function idleRss(runs: number): Promise<Stat[]> {
  const bin = benchBinary();
  const ours = async () => {
    const { child } = await spawnUntil([bin, ...DEFAULT_ROLE], LISTENING);
    const rss = await settledRss(child.pid);
    await kill(child);
    return rss;
  };
  const bun = async () => {
    const child = spawnQuiet([process.execPath, "-e", "setInterval(()=>{},1000)"]);
    const rss = await settledRss(child.pid);
    await kill(child);
    return rss;
  };
  return (await interleaved([ours, bun], runsOf(runs))).map(stat);
}

export const b5: Scenario = {
  id: "B5",
  title: "Memory per stored wire byte (B1 large chunks, B3 tiny messages after compaction) and idle RSS",
  run: async (size) => {
    const s = SIZES[size];
    const g = new Gen(1);
    const large = Array.from({ length: s.chunks }, () => encodePacketStream(g.msg(g.points("/world/lidar", s.points))));
    // Fresh copies every run, made after the baseline: the store adopts them (the inputs become the store).
    const largeRows = memoryRows(`B5 ${s.chunks} × ${s.points / 1000} k-point chunks (${(sum(large) / MB).toFixed(0)} MB)`, sum(large),
      await retainedRuns(() => fillHub(large.map((p) => p.slice()), true), runsOf(s.runs)), 1.2);
    large.length = 0;

    const parts = new Parts();
    let wire = 0;
    for (const m of new Gen(3).tiny(s.tiny, s.entities)) {
      const p = encodePacketStream(m);
      wire += p.length;
      parts.add(p);
    }
    const list = parts.done();
    const tinyRows = memoryRows(`B5 ${s.tiny / 1000} k tiny msgs, ${s.entities / 1000} k entities (${(wire / MB).toFixed(0)} MB)`, wire,
      await retainedRuns(() => fillHub(list, false), runsOf(s.runs)), 2.0);
    list.length = 0;

    const [ours, bun] = await idleRss(s.runs);
    return [
      ...largeRows,
      ...tinyRows,
      {
        scenario: "B5 idle RSS of `rerun` (default role, after its listening line)",
        ours: per(ours!, MB, "MB"),
        anchor: { ...per(bun!, MB, "MB"), name: "idle `bun -e \"setInterval(()=>{},1000)\"`" },
        target: { on: "ours", op: "<=", value: 60 },
      },
    ];
  },
};
