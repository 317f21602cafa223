/** Time: setTime*, disableTimeline, resetTime, log_tick/log_time, per recording and per async context. */
import { describe, expect, test } from "bun:test";
import type { Chunk } from "../../store/chunk.ts";
import * as rr from "../../sdk/index.ts";
import { decodeRrd } from "../../store/decoder.ts";
import { chunksOf, record } from "./decode.ts";

const times = (c: Chunk) => Object.fromEntries(c.timelines.filter((t) => t.name !== "log_time").map((t) => [t.name, [t.type, ...t.values]]));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("time", () => {
  test("sequence, seconds and nanos timelines; log_tick counts log calls; static rows have no time", () => {
    const chunks = record((rec) => {
      rec.setTimeSequence("frame", 42);
      rec.setTimeSeconds("sensor", 1_700_000_000.25);
      rec.setTimeNanos("exact", 1_700_000_000_123_456_789n);
      rec.log("a", new rr.Scalar(1));
      rec.log("b", new rr.Scalar(1));
      rec.log("c", new rr.Scalar(1), { static: true });
      rec.log("d", new rr.Scalar(1));
    });
    expect(times(chunks[0]!)).toEqual({ exact: ["Time", 1_700_000_000_123_456_789n], frame: ["Sequence", 42n], log_tick: ["Sequence", 0n], sensor: ["Time", 1_700_000_000_250_000_000n] });
    expect(times(chunks[1]!).log_tick).toEqual(["Sequence", 1n]);
    expect(chunks[2]!.timelines).toEqual([]);
    expect(times(chunks[3]!).log_tick).toEqual(["Sequence", 2n]);
    const logTime = Number(chunks[0]!.timelines.find((t) => t.name === "log_time")!.values[0]! / 1_000_000n);
    expect(Math.abs(logTime - Date.now())).toBeLessThan(5000);
  });

  test("disableTimeline and resetTime", () => {
    const chunks = record((rec) => {
      rec.setTimeSequence("a", 1);
      rec.setTimeSequence("b", 2);
      rec.disableTimeline("a");
      rec.log("x", new rr.Scalar(1));
      rec.resetTime();
      rec.log("y", new rr.Scalar(1));
    });
    expect(Object.keys(times(chunks[0]!))).toEqual(["b", "log_tick"]);
    expect(Object.keys(times(chunks[1]!))).toEqual(["log_tick"]);
  });

  test("each recording has its own time and tick", () => {
    const other = rr.newRecording("other");
    other.setTimeSequence("frame", 99);
    other.log("x", new rr.Scalar(0));
    const chunks = record((rec) => {
      rec.setTimeSequence("frame", 1);
      rec.log("x", new rr.Scalar(1));
    });
    expect(times(chunks[0]!)).toEqual({ frame: ["Sequence", 1n], log_tick: ["Sequence", 0n] });
  });

  test("withTimeContext: each async task starts without timelines and keeps its own (Python's per-thread time)", async () => {
    const rec = rr.newRecording("ctx");
    const stream = rec.binaryStream();
    rec.setTimeSequence("frame", 1000);
    await Promise.all([1, 2, 3].map((i) => rr.withTimeContext(async () => {
      rec.log(`fresh${i}`, new rr.Scalar(i));
      rec.setTimeSequence("frame", i);
      await sleep(10 * (4 - i));
      rec.log(`task${i}`, new rr.Scalar(i));
    })));
    rec.log("outer", new rr.Scalar(0));
    const frame = (c: Chunk) => c.timelines.find((t) => t.name === "frame")?.values[0] ?? null;
    const byPath = Object.fromEntries(chunksOf(decodeRrd(stream.read()!)).map((c) => [c.entityPath, frame(c)]));
    expect(byPath).toEqual({ "/fresh1": null, "/fresh2": null, "/fresh3": null, "/task1": 1n, "/task2": 2n, "/task3": 3n, "/outer": 1000n });
  });

  test("the module functions act on the recording made by init()", () => {
    const rec = rr.init("global_app", { recordingId: "global-1" });
    expect(rr.getGlobalRecording()).toBe(rec);
    const stream = rr.binaryStream()!;
    rr.setTimeSequence("step", 7);
    rr.log("g", new rr.Scalar(1));
    rr.disableTimeline("step");
    rr.log("h", new rr.Scalar(1));
    const msgs = decodeRrd(stream.read()!);
    rr.setGlobalRecording(null);
    expect(msgs[0]!.kind === "SetStoreInfo" && msgs[0]!.info.applicationId).toBe("global_app");
    expect(chunksOf(msgs).map((c) => [c.entityPath, c.timelines.map((t) => t.name).join(",")])).toEqual([["/g", "log_tick,log_time,step"], ["/h", "log_tick,log_time"]]);
  });
});
