/** B9: range queries: 10 k of 1 M rows of one entity, and a 2.25 M-scalar dashboard (9 plots × 5 series × 50 k). */
import type { EntityDb } from "../../store/db/entity-db.ts";
import type { Run } from "../../store/db/query.ts";
import { chunking, inMs, latencies, latencyRows, load, picks, SCALAR, series, timerNote, upperBound } from "./scalars.ts";
import type { Row, Scenario } from "./scenario.ts";
import { num } from "./table.ts";

const SIZES = {
  tiny: { rows: 20_000, big: 10_000, window: 200, queries: 2000, plots: 9, series: 5, points: 1000, passes: 20 },
  full: { rows: 1_000_000, big: 100_000, window: 10_000, queries: 20_000, plots: 9, series: 5, points: 50_000, passes: 100 },
} as const;
const ANCHOR = "binary searches over a Float64Array of the same times + subarray of the values";
const notes: string[] = [];

export const b9: Scenario = {
  id: "B9",
  title: "range: 10 k of 1 M rows; a 2.25 M-scalar dashboard (9 plots × 5 series × 50 k)",
  notes: () => notes,
  run: (size) => {
    const s = SIZES[size];
    notes.length = 0;
    notes.push(timerNote());
    return [
      ...window(s.rows, 1, s.window, s.queries),
      ...window(s.rows, s.big, s.window, s.queries),
      ...dashboard(s.plots, s.series, s.points, s.passes),
    ];
  },
};

/** Range queries of `win` consecutive rows at random places in one entity of `rows` rows (µs per query). */
function window(rows: number, rowsPerChunk: number, win: number, queries: number): Row[] {
  const path = "/robot/imu/accel_x";
  const [ser] = series(8, [path], rows);
  const db = load([ser!], rowsPerChunk);
  const times = ser!.logTime, anchor = Float64Array.from(times, Number), values = ser!.values;
  const starts = picks(77, queries, 0n, BigInt(rows - win)).map(Number);
  const t0 = starts.map((i) => times[i]!), t1 = starts.map((i) => times[i + win - 1]!);
  const n0 = t0.map(Number), n1 = t1.map(Number);
  for (let i = 0; i < queries; i += 97) check(db, path, t0[i]!, t1[i]!, win);
  const [ours, base] = latencies(queries, [
    (i) => db.range(path, [SCALAR], "log_time", t0[i]!, t1[i]!),
    (i) => values.subarray(upperBound(anchor, n0[i]!, true), upperBound(anchor, n1[i]!)),
  ]);
  const label = `B9 range ${win / 1000} k of ${rows / 1e6} M rows, ${chunking(db, rowsPerChunk)}`;
  return latencyRows(label, ours!, base!, "µs/query", { on: "ours", op: "<=", value: 10 }, ANCHOR);
}

/** Every series of a dashboard over its whole time range, one pass per frame (ms per dashboard). */
function dashboard(plots: number, perPlot: number, points: number, passes: number): Row[] {
  const paths = Array.from({ length: plots * perPlot }, (_, k) => `/dashboard/plot${Math.floor(k / perPlot)}/series${k % perPlot}`);
  const all = series(10, paths, points);
  const db = load(all, 1);
  const anchors = all.map((s) => Float64Array.from(s.logTime, Number));
  const t0 = all[0]!.logTime[0]!, t1 = all[all.length - 1]!.logTime[points - 1]!, n0 = Number(t0), n1 = Number(t1);
  for (const p of paths) check(db, p, t0, t1, points);
  const [ours, base] = latencies(passes, [
    () => {
      let n = 0;
      for (const p of paths) n += db.range(p, [SCALAR], "log_time", t0, t1).size;
      return n;
    },
    () => {
      let n = 0;
      all.forEach((s, k) => (n += s.values.subarray(upperBound(anchors[k]!, n0, true), upperBound(anchors[k]!, n1)).length));
      return n;
    },
  ]);
  const total = (plots * perPlot * points) / 1e6;
  const label = `B9 range dashboard ${plots} × ${perPlot} series × ${points / 1000} k = ${num(total)} M scalars, ${chunking(db, 1)}`;
  return latencyRows(label, inMs(ours!), inMs(base!), "ms/dashboard", { on: "ours", op: "<=", value: 5 }, ANCHOR);
}

/** Throws unless range [t0, t1] of `path` holds `want` rows in time order, pointing into the store's own chunks. */
function check(db: EntityDb, path: string, t0: bigint, t1: bigint, want: number): void {
  const runs: Run[] = db.range(path, [SCALAR], "log_time", t0, t1).get(SCALAR) ?? [];
  const stored = new Set(db.chunks());
  let n = 0, prev = t0;
  for (const r of runs) {
    if (!stored.has(r.chunk) || !r.chunk.components.includes(r.column)) throw new Error("B9: a range result does not point into a stored chunk");
    for (const row of r.rows) {
      const t = r.times![row]!;
      if (t < prev || t > t1) throw new Error(`B9: range ${path} [${t0}, ${t1}] returned time ${t} out of order or range`);
      prev = t;
      n++;
    }
  }
  if (n !== want) throw new Error(`B9: range ${path} [${t0}, ${t1}] gave ${n} rows, expected ${want}`);
}
