/**
 * The viewer benchmarks (scripts/bench/viewer.ts: B21 frame times, B22 large recording) once at tiny
 * size on the compiled binary, so they cannot rot. Figures are checked for sanity, never for speed.
 */
import { expect, test } from "bun:test";
import { frameTimeRows } from "../../scripts/bench/viewer/frames.ts";
import { largeRecordingRows } from "../../scripts/bench/viewer/large.ts";
import type { Row } from "../../scripts/bench/scenario.ts";
import { rerunBinary } from "../binary.ts";

function expectSane(rows: Row[]): void {
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    for (const f of [r.ours, r.anchor]) {
      for (const v of [f.median, f.min, f.max]) {
        if (!(Number.isFinite(v) && v > 0)) throw new Error(`${r.scenario}: ${f.unit} figure ${v}`);
      }
    }
  }
}

const quiet = () => {};

test("B21 viewer frame times run at tiny size and report finite positive figures", async () => {
  expectSane(await frameTimeRows("tiny", { binary: rerunBinary(), log: quiet }));
}, 60_000);

test("B22 large-recording viewer figures run at tiny size and report finite positive figures", async () => {
  expectSane(await largeRecordingRows("tiny", { binary: rerunBinary(), log: quiet }));
}, 60_000);
