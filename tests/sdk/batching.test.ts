/** The batcher: rows coalesce into chunks per entity and timeline set, cut at Rerun's thresholds. */
import { describe, expect, test } from "bun:test";
import { decodeRrd } from "../../store/decoder.ts";
import { concat } from "../../store/encoder.ts";
import * as rr from "../../sdk/index.ts";
import { chunksOf, record, recordMsgs } from "./decode.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rows = (chunks: { entityPath: string; numRows: number }[]) => chunks.map((c) => `${c.entityPath}:${c.numRows}`);

/** Sets environment variables while `fn` runs. */
function withEnv<T>(env: Record<string, string>, fn: () => T): T {
  const old = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(old)) v === undefined ? delete process.env[k] : (process.env[k] = v);
  }
}

describe("batching", () => {
  test("rows of one entity logged together become one chunk; entities get their own", () => {
    const chunks = record((rec) => {
      for (let i = 0; i < 100; i++) {
        rec.setTimeSequence("frame", i);
        rec.log("a", new rr.Scalar(i));
        rec.log("b", new rr.Scalar(-i));
      }
    });
    expect(rows(chunks)).toEqual(["/a:100", "/b:100"]);
    expect(chunks[0]!.timelines.map((t) => [t.name, t.values[0], t.values[99]])).toEqual([["frame", 0n, 99n], ["log_tick", 0n, 198n], ["log_time", chunks[0]!.timelines[2]!.values[0]!, chunks[0]!.timelines[2]!.values[99]!]]);
  });

  test("flushNumRows (option and RERUN_FLUSH_NUM_ROWS) cuts chunks", () => {
    const log7 = (rec: rr.RecordingStream) => {
      for (let i = 0; i < 7; i++) rec.log("s", new rr.Scalar(i));
    };
    expect(rows(record(log7, { batcher: { flushNumRows: 3 } }))).toEqual(["/s:3", "/s:3", "/s:1"]);
    expect(rows(withEnv({ RERUN_FLUSH_NUM_ROWS: "2" }, () => record(log7)))).toEqual(["/s:2", "/s:2", "/s:2", "/s:1"]);
  });

  test("flushNumBytes (default 1 MiB, and RERUN_FLUSH_NUM_BYTES) cuts chunks", () => {
    const big = new Float32Array(3 * 40_000); // 480 kB per row
    const logBig = (rec: rr.RecordingStream) => {
      for (let i = 0; i < 5; i++) rec.log("cloud", new rr.Points3D(big));
    };
    expect(rows(record(logBig))).toEqual(["/cloud:3", "/cloud:2"]);
    expect(rows(withEnv({ RERUN_FLUSH_NUM_BYTES: "1000000" }, () => record(logBig)))).toEqual(["/cloud:3", "/cloud:2"]);
    expect(rows(withEnv({ RERUN_FLUSH_NUM_BYTES: "500000" }, () => record(logBig)))).toEqual(["/cloud:2", "/cloud:2", "/cloud:1"]);
  });

  test("the flush tick (default 8 ms, RERUN_FLUSH_TICK_SECS) sends rows without any flush call", async () => {
    const rec = rr.newRecording("tick");
    const s = rec.binaryStream();
    const head = s.read({ flush: false })!;
    rec.log("x", new rr.Scalar(1));
    expect(s.read({ flush: false })!.length).toBe(0);
    await sleep(40);
    expect(chunksOf(decodeRrd(concat([head, s.read({ flush: false })!]))).length).toBe(1);

    const slow = withEnv({ RERUN_FLUSH_TICK_SECS: "0.3" }, () => rr.newRecording("slow"));
    const s2 = slow.binaryStream();
    s2.read({ flush: false });
    slow.log("x", new rr.Scalar(1));
    await sleep(100);
    expect(s2.read({ flush: false })!.length).toBe(0);
    await sleep(350);
    expect(s2.read({ flush: false })!.length).toBeGreaterThan(0);
  });

  test("different timeline sets and static rows go to different chunks", () => {
    const chunks = record((rec) => {
      rec.log("e", new rr.Scalar(1));
      rec.setTimeSequence("frame", 1);
      rec.log("e", new rr.Scalar(2));
      rec.log("e", new rr.Scalar(3), { static: true });
      rec.setTimeSeconds("frame", 2);
      rec.log("e", new rr.Scalar(4));
      rec.log("e", new rr.Scalar(5), { static: true });
    });
    expect(chunks.map((c) => [c.numRows, c.timelines.map((t) => `${t.name}:${t.type}`).join(",")])).toEqual([
      [1, "log_tick:Sequence,log_time:Time"],
      [1, "frame:Sequence,log_tick:Sequence,log_time:Time"],
      [2, ""],
      [1, "frame:Time,log_tick:Sequence,log_time:Time"],
    ]);
  });

  test("a component changing Arrow type starts a new chunk", () => {
    const chunks = record((rec) => {
      rec.log("any", new rr.AnyValues({ v: 1 }));
      rec.log("any", new rr.AnyValues({ v: 2 }));
      rec.log("any", new rr.AnyValues({ v: "three" }));
    });
    expect(rows(chunks)).toEqual(["/any:2", "/any:1"]);
  });

  test("rows going back in time are cut every RERUN_CHUNK_MAX_ROWS_IF_UNSORTED rows", () => {
    const chunks = record((rec) => {
      for (let i = 0; i < 10; i++) {
        rec.setTimeSequence("frame", i % 2 === 0 ? i : -i);
        rec.log("u", new rr.Scalar(i));
      }
    }, { batcher: { maxRowsIfUnsorted: 4 } });
    expect(rows(chunks)).toEqual(["/u:4", "/u:4", "/u:2"]);
  });

  test("each chunk's envelope carries its time point maximum", () => {
    const msgs = recordMsgs((rec) => {
      rec.setTimeSequence("frame", 5);
      rec.log("e", new rr.Scalar(1));
      rec.setTimeSequence("frame", 3);
      rec.log("e", new rr.Scalar(2));
    });
    const arrow = msgs.find((m) => m.kind === "ArrowMsg")!;
    expect(arrow.kind === "ArrowMsg" && arrow.timepointMax.map((e) => [e.timeline.name, e.timeline.typ])).toEqual([["frame", "Sequence"], ["log_tick", "Sequence"], ["log_time", "Time"]]);
    expect(arrow.kind === "ArrowMsg" && arrow.timepointMax[0]!.value).toBe(5n);
    expect(chunksOf(msgs)[0]!.isSorted).toBe(true);
  });
});
