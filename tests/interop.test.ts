import { afterAll, beforeAll, expect, test } from "bun:test";
import { reencode } from "./reencode.ts";
import { openRealViewer, type RealViewer } from "./interop/viewer.ts";

const FIXTURES = new URL("../../shared/fixtures/rrd/", import.meta.url);
const TIMEOUT_MS = 60_000;

let viewer: RealViewer;
let fixture: Uint8Array;

beforeAll(async () => {
  viewer = await openRealViewer();
  fixture = await Bun.file(new URL("v0.22.1_rnl_multi-env-training-points3d.rrd", FIXTURES)).bytes();
}, TIMEOUT_MS);

afterAll(async () => {
  await viewer?.close();
}, TIMEOUT_MS);

test(
  "real 0.22 viewer reads the 0.22.1 fixture completely",
  async () => {
    const s = await viewer.load({ rrd: fixture }, { timelines: ["frame", "log_tick"] });
    expect(s.sourceEvents.some((line) => line.includes("has finished"))).toBe(true);
    expect(s.recordingId).toBeTruthy();
    expect(s.timelines.frame).toEqual({ min: 0, max: 49 });
    expect(s.timelines.log_tick).toEqual({ min: 0, max: 399 });
    expect(s.consoleErrors).toEqual([]);
    const png = await viewer.screenshot();
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
  },
  TIMEOUT_MS,
);

test(
  "real 0.22 viewer ends a garbage file with 'left unexpectedly' instead of hanging",
  async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 37) & 0xff);
    const s = await viewer.load({ rrd: garbage }, { timelines: ["frame"] });
    expect(s.sourceEvents.some((line) => line.includes("has left unexpectedly"))).toBe(true);
    expect(s.recordingId).toBeNull();
  },
  TIMEOUT_MS,
);

test(
  "real 0.22 viewer silently keeps the first half of a truncated fixture",
  async () => {
    const s = await viewer.load({ rrd: fixture.subarray(0, fixture.length >> 1) }, { timelines: ["frame"] });
    expect(s.sourceEvents.some((line) => line.includes("has finished"))).toBe(true);
    expect(s.timelines.frame!.max).toBeGreaterThan(0);
    expect(s.timelines.frame!.max).toBeLessThan(49);
  },
  TIMEOUT_MS,
);

for (const compression of ["lz4", "off"] as const) {
  test(
    `real 0.22 viewer accepts the fixture re-encoded by our writers (${compression})`,
    async () => {
      const original = await viewer.load({ rrd: fixture }, { timelines: ["frame", "log_tick", "log_time"] });
      const ours = await viewer.load({ rrd: reencode(fixture, compression) }, { timelines: ["frame", "log_tick", "log_time"] });
      expect(ours.sourceEvents.some((line) => line.includes("has finished"))).toBe(true);
      expect(ours.consoleErrors).toEqual([]);
      expect(ours.recordingId).toBe(original.recordingId);
      expect(ours.recordingId).toBe("edb16cf9-0956-4d91-83b9-1e28a8f4c9dd");
      expect(ours.timelines).toEqual(original.timelines);
      expect(ours.timelines.frame).toEqual({ min: 0, max: 49 });
      expect(ours.timelines.log_tick).toEqual({ min: 0, max: 399 });
    },
    2 * TIMEOUT_MS,
  );
}
