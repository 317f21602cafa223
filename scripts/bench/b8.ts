/** B8: latest-at on one entity of 1 M rows, on 1000 entities × 1000 frames, and on 10 k entities at one cursor. */
import type { EntityDb } from "../../store/db/entity-db.ts";
import { LatestAtPass } from "../../store/db/pass.ts";
import type { Hit } from "../../store/db/query.ts";
import { num } from "./table.ts";
import { chunking, inMs, latencies, latencyRows, load, picks, SCALAR, series, timerNote, upperBound } from "./scalars.ts";
import type { Row, Scenario, Target } from "./scenario.ts";

const SIZES = {
  tiny: { rows: 20_000, big: 10_000, queries: 2000, grid: [100, 100, 20], cursor: [1000, 10, 10] },
  full: { rows: 1_000_000, big: 100_000, queries: 20_000, grid: [1000, 1000, 200], cursor: [10_000, 100, 50] },
} as const;
const ANCHOR = "binary search over a Float64Array of the same times";
const notes: string[] = [];

export const b8: Scenario = {
  id: "B8",
  title: "latest-at: 1 entity × 1 M rows; 1000 entities × 1000 frames; 10 k entities at one cursor",
  notes: () => notes,
  run: (size) => {
    const s = SIZES[size];
    notes.length = 0;
    notes.push(timerNote());
    const [grid, frames, gridPasses] = s.grid, [cursor, cursorFrames, cursorPasses] = s.cursor;
    return [
      ...oneEntity(s.rows, 1, s.queries),
      ...oneEntity(s.rows, s.big, s.queries),
      ...pass(grid, frames, "frame", gridPasses, { on: "ours", op: "<=", value: 1 }),
      ...pass(cursor, cursorFrames, "log_time", cursorPasses, { on: "ours", op: "<=", value: 1.5 }),
    ];
  },
};

/** Latest-at of random log_time points on one entity of `rows` rows, each query timed on its own (µs). */
function oneEntity(rows: number, rowsPerChunk: number, queries: number): Row[] {
  const path = "/robot/imu/accel_x";
  const [ser] = series(8, [path], rows);
  const db = load([ser!], rowsPerChunk);
  const times = ser!.logTime, anchor = Float64Array.from(times, Number);
  const qs = picks(88, queries, times[0]! - 1000n, times[rows - 1]! + 1000n), qn = qs.map(Number);
  for (let i = 0; i < queries; i += 97) check(db, path, "log_time", qs[i]!, times);
  const [ours, base] = latencies(queries, [
    (i) => db.latestAt(path, [SCALAR], "log_time", qs[i]!),
    (i) => upperBound(anchor, qn[i]!) - 1,
  ]);
  const label = `B8 latest-at 1 entity × ${rows / 1e6} M rows, ${chunking(db, rowsPerChunk)}`;
  return latencyRows(label, ours!, base!, "µs/query", { on: "ours", op: "<=", value: 1 }, ANCHOR);
}

/**
 * Latest-at of every one of `entities` entities (`frames` rows each) at one cursor on `timeline`: the time
 * of a whole pass (ms), through `LatestAtPass` (made once, as a viewer keeps one for what is on screen),
 * and, as info, through one `db.latestAt` call per entity.
 */
function pass(entities: number, frames: number, timeline: "frame" | "log_time", passes: number, target: Target): Row[] {
  const paths = Array.from({ length: entities }, (_, e) => `/robots/r${e}/load`);
  const all = series(9, paths, frames);
  const db = load(all, 1);
  const col = (k: number) => (timeline === "frame" ? all[k]!.frame : all[k]!.logTime);
  const anchors = all.map((_, k) => Float64Array.from(col(k), Number));
  let lo = col(0)[0]!, hi = col(0)[frames - 1]!;
  for (let k = 1; k < entities; k++) (lo = col(k)[0]! < lo ? col(k)[0]! : lo), (hi = col(k)[frames - 1]! > hi ? col(k)[frames - 1]! : hi);
  const cs = picks(99, passes, lo, hi), cn = cs.map(Number);
  Bun.gc(true);
  const t0 = performance.now(), cursor = new LatestAtPass(db, paths, SCALAR, timeline).at(cs[0]!), first = performance.now() - t0;
  notes.push(`${entities / 1000} k entities: the first LatestAtPass.at (taking every entity's snapshot) ${num(first)} ms`);
  for (let k = 0; k < entities; k += 37) check(db, paths[k]!, timeline, cs[0]!, col(k), cursor.hit(k));
  const [ours, calls, base] = latencies(passes, [
    (i) => cursor.at(cs[i]!),
    (i) => {
      let n = 0;
      for (const p of paths) n += db.latestAt(p, [SCALAR], timeline, cs[i]!).size;
      return n;
    },
    (i) => {
      let n = 0;
      for (const a of anchors) n += upperBound(a, cn[i]!);
      return n;
    },
  ]);
  const label = `B8 latest-at pass ${entities / 1000} k entities × ${frames} rows at one ${timeline}, ${chunking(db, 1)}`;
  const perCall = inMs(calls!), b = inMs(base!);
  return [
    ...latencyRows(label, inMs(ours!), b, "ms/pass", target, ANCHOR),
    { scenario: `${label}: p50 of db.latestAt per entity`, ours: { ...perCall.p50, unit: "ms/pass" }, anchor: { ...b.p50, unit: "ms/pass", name: ANCHOR }, target: null },
  ];
}

/** Throws unless latest-at of `path` at `t` (and `also`, a pass's answer, if given) is the row the anchor's binary search finds in `times`. */
function check(db: EntityDb, path: string, timeline: string, t: bigint, times: BigInt64Array, also?: Hit | null): void {
  let lo = 0, hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  const want = lo > 0 ? times[lo - 1]! : null;
  for (const hit of [db.latestAt(path, [SCALAR], timeline, t).get(SCALAR) ?? null, ...(also === undefined ? [] : [also])]) {
    if ((hit?.time ?? null) !== want) throw new Error(`B8: latest-at ${path} @${t} gave ${hit?.time}, expected ${want}`);
  }
}
