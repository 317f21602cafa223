import { describe, expect, test } from "bun:test";
import { HISTORY, MIN_ACCEPT_RATE, Congestion } from "../../server/tcp/congestion.ts";
import type { LogLevel } from "../../server/log.ts";
import type { ArrowMsg, LogMsg, TimePoint } from "../../store/logmsg.ts";

const STORE = { kind: "Recording", id: "r" } as const;
const seq = (name: string, value: number) => ({ timeline: { name, typ: "Sequence" as const }, value: BigInt(value) });
const time = (name: string, value: number) => ({ timeline: { name, typ: "Time" as const }, value: BigInt(value) });
const arrow = (timepointMax: TimePoint): ArrowMsg => ({ kind: "ArrowMsg", storeId: STORE, chunkId: { timeNs: 0n, inc: 0n }, timepointMax, ipc: new Uint8Array() });
const frameMsg = (frame: number, tick = 0) => arrow([seq("frame", frame), seq("log_tick", tick), time("log_time", 1e9)]);
const STORE_INFO: LogMsg = {
  kind: "SetStoreInfo",
  rowId: { timeNs: 0n, inc: 0n },
  info: { applicationId: "a", storeId: STORE, clonedFrom: null, isOfficialExample: false, started: 0n, storeSource: { kind: "Unknown" } },
};
const ACTIVATE: LogMsg = { kind: "BlueprintActivationCommand", blueprintId: { kind: "Blueprint", id: "b" }, makeActive: true, makeDefault: true };

/** A congestion manager on a fake clock (seconds) and a scripted random source. */
function fake(maxLatencySec = 0.2) {
  const clock = { t: 0 };
  const logs: [LogLevel, string][] = [];
  const randoms: number[] = [];
  const c = new Congestion({ maxLatencySec, now: () => clock.t, random: () => randoms.shift()!, log: (l, t) => logs.push([l, t]) });
  /** Advances the clock by `dt` and reports `latency`. */
  const at = (dt: number, latency: number) => {
    clock.t += dt;
    c.update(latency);
    return c.acceptRate;
  };
  return { c, at, logs, randoms };
}

describe("drop-at-latency control law", () => {
  test("accept rate over time for given latencies", () => {
    const { at } = fake(0.2);
    expect(at(10, 0.1)).toBe(1); // under the limit at full rate: nothing changes
    expect(at(0.5, 0.4)).toBeCloseTo(0.9, 6); // badness 1: -1 × 0.5 / 5 (dt counts since the previous packet)
    expect(at(1, 0.4)).toBeCloseTo(0.7, 6);
    expect(at(0.5, 0.21)).toBeCloseTo(0.65, 6); // badness 0.05 clamps to 0.5
    expect(at(0.5, 10)).toBeCloseTo(0.45, 6); // badness 49 clamps to 2
    expect(at(0.5, 0.2)).toBeCloseTo(0.4, 6); // cur == max counts as over
    expect(at(100, 10)).toBeCloseTo(MIN_ACCEPT_RATE, 6); // never below 1%
    expect(at(5, 0)).toBeCloseTo(0.21, 6); // goodness 1: +5 / 25
    expect(at(10, 0.1)).toBeCloseTo(0.41, 6); // goodness 0.5: +0.5 × 10 / 25
    expect(at(100, 0)).toBe(1); // clamped back to exactly 1
    expect(at(1, 0.1)).toBe(1);
  });

  test("logs the drop rate at most once per second, WARN-free", () => {
    const { at, logs } = fake(0.2);
    for (let i = 0; i < 16; i++) at(0.25, 0.4); // -0.05 per step
    expect(logs.map(([l]) => l)).toEqual(["debug", "debug", "debug"]);
    expect(logs.map(([, t]) => t)).toEqual([
      "Currently dropping 25.00% of messages to keep latency low", // t = 1.25
      "Currently dropping 50.00% of messages to keep latency low", // t = 2.5
      "Currently dropping 75.00% of messages to keep latency low", // t = 3.75
    ]);
  });

  test("at full rate everything is kept without bookkeeping", () => {
    const { c, at } = fake();
    at(1, 0.1);
    for (let f = 0; f < 10; f++) expect(c.keep(frameMsg(f))).toBe(true);
    expect(c.history("frame")).toEqual([]);
  });

  test("store infos and blueprint activations are never dropped", () => {
    const { c, at } = fake();
    at(1000, 100);
    expect(c.acceptRate).toBeCloseTo(MIN_ACCEPT_RATE, 6);
    for (let i = 0; i < 100; i++) {
      expect(c.keep(STORE_INFO)).toBe(true);
      expect(c.keep(ACTIVATE)).toBe(true);
    }
  });

  test("thinning is frame-coherent error diffusion on the first sequence timeline", () => {
    const { c, at } = fake(0.2);
    expect(at(2.5, 0.4)).toBe(0.5);
    const fates: boolean[] = [];
    for (let f = 0; f < 300; f++) {
      const fate = c.keep(frameMsg(f, 3 * f));
      fates.push(fate);
      // Every message of this frame shares its fate, whatever its other timelines say; also out of order.
      expect(c.keep(frameMsg(f, 3 * f + 1))).toBe(fate);
      expect(c.keep(arrow([time("log_time", 5), seq("log_tick", 9), seq("frame", f)].reverse()))).toBe(fate);
      if (f > 0) expect(c.keep(frameMsg(f - 1, 7))).toBe(fates[f - 1]!);
    }
    // chance starts at 0: drop (0.5), drop (1.0), send (0.0), … → a third of the frames at rate 0.5.
    expect(fates.slice(0, 6)).toEqual([false, false, true, false, false, true]);
    expect(fates.filter(Boolean).length).toBe(100);
    expect(c.history("log_tick")).toEqual([]);
  });

  test("without a sequence timeline the choice is random with the accept rate", () => {
    const { c, at, randoms } = fake(0.2);
    at(2.5, 0.4); // rate 0.5
    randoms.push(0.49, 0.5, 0.1, 0.9);
    expect(c.keep(arrow([time("log_time", 1)]))).toBe(true);
    expect(c.keep(arrow([time("log_time", 1)]))).toBe(false);
    expect(c.keep(arrow([]))).toBe(true); // static data
    expect(c.keep(arrow([]))).toBe(false);
    expect(randoms).toEqual([]);
  });

  test("the decision history is capped at 1024 entries, forgetting the smallest time values", () => {
    const { c, at } = fake(0.2);
    at(2.5, 0.4);
    const fates = new Map<number, boolean>();
    for (let f = 4000; f >= 0; f -= 2) fates.set(f, c.keep(frameMsg(f))); // descending: past 1024, each is evicted at once
    for (let f = 1; f < 6000; f += 2) fates.set(f, c.keep(frameMsg(f)));
    const h = c.history("frame");
    expect(h.length).toBe(HISTORY);
    expect(h).toEqual([...fates.keys()].sort((a, b) => a - b).slice(-HISTORY).map(BigInt)); // the 1024 largest seen
    for (const t of h) expect(c.keep(frameMsg(Number(t)))).toBe(fates.get(Number(t))!);
    expect(c.history("frame")).toEqual(h);
    c.keep(frameMsg(0)); // forgotten long ago: decided afresh, then evicted at once as the smallest
    expect(c.history("frame")).toEqual(h);
  });
});
