/** Recordings made by the SDK examples load in the real Rerun 0.22 web viewer with the expected time ranges. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openRealViewer, type RealViewer } from "../interop/viewer.ts";
import { countColor, decodePng } from "./png.ts";
import { runBun, tempDir } from "./run.ts";

const TIMEOUT_MS = 90_000;
const dir = tempDir();
let viewer: RealViewer;

beforeAll(async () => {
  viewer = await openRealViewer();
}, TIMEOUT_MS);

afterAll(async () => {
  await viewer?.close();
}, TIMEOUT_MS);

/** Example → the timeline ranges its recording must show. */
const EXAMPLES: [string, Record<string, { min: number; max: number }>][] = [
  ["points", { frame: { min: 0, max: 9 } }],
  ["boxes", { frame: { min: 0, max: 4 } }],
  ["lines", { frame: { min: 0, max: 4 } }],
  ["meshes", { frame: { min: 0, max: 1 } }],
  ["transforms", { frame: { min: 0, max: 7 } }],
  ["images", { frame: { min: 0, max: 2 } }],
  ["depth", { frame: { min: 0, max: 3 } }],
  ["tensors", { step: { min: 0, max: 2 } }],
  ["time-series", { step: { min: 0, max: 199 } }],
  ["text-log", { log_tick: { min: 0, max: 6 } }],
  ["text-document", { frame: { min: 0, max: 1 } }],
  ["columns", { step: { min: 0, max: 63 } }],
];

/** Runs an example with `--save` and returns the file's bytes. */
async function record(name: string): Promise<Uint8Array> {
  const path = join(dir, `${name}.rrd`);
  const r = await runBun(`sdk/examples/${name}.ts`, ["--save", path, "--recording-id", `ts-${name}`]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return new Uint8Array(readFileSync(path));
}

describe("SDK examples in the real 0.22 web viewer", () => {
  for (const [name, ranges] of EXAMPLES) {
    test(name, async () => {
      const s = await viewer.load({ rrd: await record(name) }, { timelines: Object.keys(ranges) });
      expect(s.sourceEvents.some((line) => line.includes("has finished"))).toBe(true);
      expect(s.consoleErrors).toEqual([]);
      expect(s.recordingId).toBe(`ts-${name}`);
      for (const [timeline, range] of Object.entries(ranges)) expect(s.timelines[timeline]).toEqual(range);
    }, TIMEOUT_MS);
  }

  test("the time-based timeline of text-log spans the logged seconds", async () => {
    const s = await viewer.load({ rrd: await record("text-log") }, { timelines: ["sim_time"] });
    expect(s.timelines.sim_time!.min).toBeCloseTo(1_700_000_000e9, -4);
    expect(s.timelines.sim_time!.max).toBeCloseTo(1_700_000_002.5e9, -4);
  }, TIMEOUT_MS);

  test("a screenshot of the points example shows the logged colours", async () => {
    await viewer.load({ rrd: await record("points") }, { timelines: ["frame"] });
    await new Promise((r) => setTimeout(r, 1500));
    const px = decodePng(await viewer.screenshot());
    const counts = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0], [0, 255, 255]].map((c) => countColor(px, c));
    console.log(`saturated pixels (red, green, blue, yellow, cyan) of ${px.width}×${px.height}: ${counts.join(", ")}`);
    for (const n of counts.slice(0, 3)) expect(n).toBeGreaterThan(50);
  }, TIMEOUT_MS);
});
