/**
 * Shared by the query scenarios (B8 latest-at, B9 range): seeded Scalar series logged the way an SDK
 * logs them (frame, log_tick, log_time ns above 2^53, TUID row ids), loaded into a real store as 1-row
 * chunks (compacted by the store) or as large chunks, and per-call latency timing against an anchor.
 */
import { F64 } from "../../store/arrow/make.ts";
import type { ArrayData } from "../../store/arrow/types.ts";
import { componentField, descriptor, ROW_ID_FIELD, timeField } from "../../store/build.ts";
import type { Chunk, ComponentColumn, TimeColumn } from "../../store/chunk.ts";
import { DEFAULT_COMPACTION } from "../../store/db/compact.ts";
import type { EntityDb } from "../../store/db/entity-db.ts";
import { Hub } from "../../store/db/hub.ts";
import { Gen } from "./gen.ts";
import { RUNS, type Stat, stat } from "./measure.ts";
import type { Row, Target } from "./scenario.ts";
import { num } from "./table.ts";

/** The component every series logs. */
export const SCALAR = "rerun.components.Scalar";
const DESC = descriptor(SCALAR, "rerun.archetypes.Scalar", "scalar");
const FIELD = componentField(DESC, F64);
const TIME_FIELDS = { frame: timeField("frame", "Sequence", true), log_tick: timeField("log_tick", "Sequence", true), log_time: timeField("log_time", "Time", true) };

/** One entity's rows, column by column (row r was logged at frame r). */
export interface Series {
  path: string;
  frame: BigInt64Array;
  logTick: BigInt64Array;
  logTime: BigInt64Array;
  rowTime: BigUint64Array;
  rowInc: BigUint64Array;
  values: Float64Array;
}

/**
 * `rows` frames of one scalar per entity of `paths`, logged frame by frame and entity by entity
 * (as a live SDK does): log_time and row ids from one TUID clock, so they interleave across entities.
 */
export function series(seed: number, paths: readonly string[], rows: number): Series[] {
  const g = new Gen(seed);
  const out = paths.map((path): Series => ({
    path,
    frame: new BigInt64Array(rows),
    logTick: new BigInt64Array(rows),
    logTime: new BigInt64Array(rows),
    rowTime: new BigUint64Array(rows),
    rowInc: new BigUint64Array(rows),
    values: new Float64Array(rows),
  }));
  let tick = 0n;
  for (let f = 0; f < rows; f++) {
    const wave = Math.sin(f / 50);
    for (const s of out) {
      const id = g.tuid();
      s.frame[f] = BigInt(f);
      s.logTick[f] = tick++;
      s.logTime[f] = BigInt.asIntN(64, id.timeNs);
      s.rowTime[f] = id.timeNs;
      s.rowInc[f] = id.inc;
      s.values[f] = wave + g.gauss() * 0.1;
    }
  }
  return out;
}

/** The chunk of rows [from, to) of `s` (fresh buffers), as `chunkBuilder` would make it. */
export function chunkOf(s: Series, from: number, to: number, id: Chunk["id"]): Chunk {
  const n = to - from;
  const time = (name: keyof typeof TIME_FIELDS, values: BigInt64Array): TimeColumn =>
    ({ name, type: name === "log_time" ? "Time" : "Sequence", values: values.slice(from, to), sorted: true, field: TIME_FIELDS[name] });
  const child: ArrayData = { type: F64, length: n, nullCount: 0, validity: null, offsets: null, values: s.values.slice(from, to), typeIds: null, children: [] };
  const offsets = Int32Array.from({ length: n + 1 }, (_, i) => i);
  const column: ComponentColumn = {
    descriptor: DESC,
    itemType: F64,
    data: { type: FIELD.type, length: n, nullCount: 0, validity: null, offsets, values: null, typeIds: null, children: [child] },
    field: FIELD,
  };
  return {
    id,
    entityPath: s.path,
    isSorted: true,
    numRows: n,
    rowIdTimeNs: s.rowTime.slice(from, to),
    rowIdInc: s.rowInc.slice(from, to),
    timelines: [time("frame", s.frame), time("log_tick", s.logTick), time("log_time", s.logTime)],
    components: [column],
    rowIdField: ROW_ID_FIELD,
    schemaMetadata: new Map(),
  };
}

/**
 * A recording (through `Hub`, Rerun's default compaction) holding `all`: as 1-row chunks in logging
 * order when `rowsPerChunk` is 1 (the store compacts them), else as chunks of `rowsPerChunk` rows.
 */
export function load(all: readonly Series[], rowsPerChunk: number): EntityDb {
  const db = new Hub({ compaction: DEFAULT_COMPACTION }).open({ kind: "Recording", id: "bench-query" });
  const ids = new Gen(0x1d5);
  const rows = all[0]?.frame.length ?? 0;
  if (rowsPerChunk === 1) {
    for (let f = 0; f < rows; f++) for (const s of all) db.addChunk(chunkOf(s, f, f + 1, ids.tuid()));
  } else {
    for (const s of all) for (let f = 0; f < rows; f += rowsPerChunk) db.addChunk(chunkOf(s, f, Math.min(rows, f + rowsPerChunk), ids.tuid()));
  }
  return db;
}

/** How a store's chunks came to be, for row labels. */
export function chunking(db: EntityDb, rowsPerChunk: number): string {
  const chunks = [...db.chunks()];
  const rows = chunks.reduce((n, c) => n + c.numRows, 0);
  return rowsPerChunk === 1 ? `1-row chunks compacted to ${Math.round(rows / chunks.length)}` : `${rowsPerChunk / 1000} k-row chunks`;
}

/** Number of the values in sorted `a` that are ≤ x (strict: < x): the anchor's binary search. */
export function upperBound(a: Float64Array, x: number, strict = false): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (strict ? a[mid]! < x : a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A seeded uniform pick of `n` integers in [lo, hi] (bigint bounds), as bigints. */
export function picks(seed: number, n: number, lo: bigint, hi: bigint): bigint[] {
  const r = new Gen(seed).rnd, span = Number(hi - lo);
  return Array.from({ length: n }, () => lo + BigInt(Math.min(span, Math.floor(r() * (span + 1)))));
}

/** p50 and p99 of one way over the runs: the median (min–max) over runs of each run's percentile. */
export interface Latency {
  p50: Stat;
  p99: Stat;
}

/** Whatever the timed calls returned last (kept so that no call can be optimised away). */
export let sink: unknown = null;

/**
 * Per-call latencies in µs of several ways of answering the same `n` calls (`way(i)` answers call i),
 * each call timed on its own; runs are interleaved way by way after a warm-up, a full GC before each.
 */
export function latencies(n: number, ways: ((i: number) => unknown)[], runs = RUNS): Latency[] {
  const p50s: number[][] = ways.map(() => []), p99s: number[][] = ways.map(() => []);
  const dt = new Float64Array(n);
  for (let run = 0; run <= runs; run++) {
    ways.forEach((way, w) => {
      Bun.gc(true);
      for (let i = 0; i < n; i++) {
        const t = Bun.nanoseconds();
        sink = way(i);
        dt[i] = Bun.nanoseconds() - t;
      }
      if (run === 0) return;
      dt.sort();
      p50s[w]!.push(dt[Math.floor(n * 0.5)]! / 1000);
      p99s[w]!.push(dt[Math.min(n - 1, Math.floor(n * 0.99))]! / 1000);
    });
  }
  return ways.map((_, w) => ({ p50: stat(p50s[w]!), p99: stat(p99s[w]!) }));
}

/** The cost in µs of the timer pair around each call (an empty call), median of `n`. */
export function timerOverhead(n = 100_000): number {
  return latencies(n, [() => null], 1)[0]!.p50.median;
}

/** The note both query scenarios print: the timer's own cost, included in every per-query figure. */
export function timerNote(): string {
  return `per-call timer overhead (an empty call between two Bun.nanoseconds()) ${num(timerOverhead() * 1000)} ns, included in every per-query figure`;
}

/** `l` in ms instead of µs (for figures per pass of many queries). */
export function inMs(l: Latency): Latency {
  const ms = (s: Stat): Stat => ({ median: s.median / 1000, min: s.min / 1000, max: s.max / 1000 });
  return { p50: ms(l.p50), p99: ms(l.p99) };
}

/** The table rows of a latency: p50 (with the target) and p99 (info), both against the anchor's. */
export function latencyRows(label: string, ours: Latency, anchor: Latency, unit: string, target: Target, name: string): Row[] {
  return [
    { scenario: `${label}: p50`, ours: { ...ours.p50, unit }, anchor: { ...anchor.p50, unit, name }, target },
    { scenario: `${label}: p99`, ours: { ...ours.p99, unit }, anchor: { ...anchor.p99, unit, name }, target: null },
  ];
}
