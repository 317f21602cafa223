import { describe, expect, test } from "bun:test";
import { readIpcStream } from "../store/arrow/read.ts";
import type { RecordBatch } from "../store/arrow/types.ts";
import { valueAt } from "../store/arrow/values.ts";
import type { Chunk } from "../store/chunk.ts";
import { decodeRrd, RrdDecoder } from "../store/decoder.ts";
import { concat, encodePacketStream, encodeRrd } from "../store/encoder.ts";
import { headerBytes } from "../store/header.ts";
import type { ArrowMsg, LogMsg } from "../store/logmsg.ts";
import { chunkFromBatch, chunkFromIpc, chunkTimepointMax, chunkToIpc } from "../store/transport.ts";
import { fixture, POINTS_022, READABLE, REFUSED } from "./fixtures.ts";

const arrowMsgs = (msgs: LogMsg[]) => msgs.filter((m): m is ArrowMsg => m.kind === "ArrowMsg");

function timeRange(chunks: Chunk[], timeline: string): [bigint, bigint] {
  let min: bigint | null = null, max: bigint | null = null;
  for (const c of chunks) {
    for (const v of c.timelines.find((t) => t.name === timeline)?.values ?? []) {
      if (min === null || v < min) min = v;
      if (max === null || v > max) max = v;
    }
  }
  return [min!, max!];
}

describe("the 0.22.1 recording", () => {
  const msgs = decodeRrd(fixture(POINTS_022));
  const chunks = arrowMsgs(msgs).map((m) => chunkFromIpc(m.ipc));

  test("has its store infos, 800 chunks, one recording id", () => {
    expect(msgs.filter((m) => m.kind === "SetStoreInfo").length).toBe(2);
    expect(chunks.length).toBe(800);
    const info = msgs[0]!;
    if (info.kind !== "SetStoreInfo") throw new Error("first message is not SetStoreInfo");
    expect(info.info.applicationId).toBe("Multi-Environment Training - 3D");
    expect(info.info.storeId).toEqual({ kind: "Recording", id: "edb16cf9-0956-4d91-83b9-1e28a8f4c9dd" });
    expect(info.info.storeSource).toEqual({ kind: "PythonSdk", major: 3, minor: 10, patch: 16, suffix: "" });
    expect(info.info.storeVersion).toBe("0.22.1");
    expect(new Set(arrowMsgs(msgs).map((m) => m.storeId.id))).toEqual(new Set([info.info.storeId.id]));
  });

  test("has entities /env_0../env_3 with robot and target", () => {
    const paths = [...new Set(chunks.map((c) => c.entityPath))].sort();
    expect(paths).toEqual([0, 1, 2, 3].flatMap((i) => [`/env_${i}/robot`, `/env_${i}/target`]));
  });

  test("has frame 0–49, log_tick 0–399 and log_time in 2025", () => {
    expect(timeRange(chunks, "frame")).toEqual([0n, 49n]);
    expect(timeRange(chunks, "log_tick")).toEqual([0n, 399n]);
    const [t0, t1] = timeRange(chunks, "log_time");
    expect(t0 > 1_735_689_600_000_000_000n && t1 < 1_767_225_600_000_000_000n && t0 < t1).toBe(true);
  });

  test("holds Points3D data: positions, colors and radii with real values", () => {
    const points = chunks.filter((c) => c.components.some((k) => k.descriptor.component === "rerun.components.Position3D"));
    expect(points.length).toBe(400);
    const pos = points[0]!.components.find((k) => k.descriptor.component === "rerun.components.Position3D")!;
    expect(pos.descriptor.archetype).toBe("rerun.archetypes.Points3D");
    expect(pos.descriptor.archetypeField).toBe("positions");
    const row = valueAt(pos.data, 0) as number[][];
    expect(row.length).toBeGreaterThan(0);
    expect(row[0]!.length).toBe(3);
    expect(row.flat().every((x) => Number.isFinite(x))).toBe(true);
    const indicator = chunks.find((c) => c.components.some((k) => k.descriptor.component === "rerun.components.Points3DIndicator"))!;
    expect(valueAt(indicator.components[0]!.data, 0)).toEqual([null]);
  });

  test("the envelope's timepoint_max matches the chunk's own times", () => {
    for (const m of arrowMsgs(msgs)) {
      const fromChunk = chunkTimepointMax(chunkFromIpc(m.ipc)).map((e) => `${e.timeline.name}=${e.value}`).sort();
      expect(m.timepointMax.map((e) => `${e.timeline.name}=${e.value}`).sort()).toEqual(fromChunk);
    }
  });
});

describe("every readable fixture", () => {
  for (const name of READABLE) {
    test(`${name} decodes completely, envelope and chunks`, () => {
      const msgs = decodeRrd(fixture(name), () => {});
      expect(msgs.length).toBeGreaterThan(1);
      expect(msgs.some((m) => m.kind === "ArrowMsg")).toBe(true);
      for (const m of arrowMsgs(msgs)) {
        const c = chunkFromIpc(m.ipc);
        expect(c.entityPath.startsWith("/")).toBe(true);
        for (const k of c.components) for (let i = 0; i < c.numRows; i++) valueAt(k.data, i);
      }
    });

    for (const compression of ["lz4", "off"] as const) {
      test(`${name}: decode → encode (${compression}) → decode is identical`, () => {
        const msgs = decodeRrd(fixture(name), () => {});
        const again = decodeRrd(encodeRrd(msgs, compression), () => {});
        // Our writer stamps 0.22.1 in the header; the version a reader fills in is not part of the message.
        for (const m of [...msgs, ...again]) if (m.kind === "SetStoreInfo") delete m.info.storeVersion;
        expect(again).toEqual(msgs);
      });
    }

    test(`${name}: chunks re-encoded by our IPC writer read back identically`, () => {
      for (const m of arrowMsgs(decodeRrd(fixture(name), () => {}))) {
        const c = chunkFromIpc(m.ipc);
        const back = chunkFromIpc(chunkToIpc(c));
        expect(back.id).toEqual(c.id);
        expect(back.entityPath).toBe(c.entityPath);
        expect([...back.rowIdTimeNs]).toEqual([...c.rowIdTimeNs]);
        expect(back.timelines.map((t) => [t.name, t.type, [...t.values]])).toEqual(c.timelines.map((t) => [t.name, t.type, [...t.values]]));
        for (const [i, k] of c.components.entries()) {
          expect(back.components[i]!.descriptor).toEqual(k.descriptor);
          for (let r = 0; r < c.numRows; r++) expect(valueAt(back.components[i]!.data, r)).toEqual(valueAt(k.data, r));
        }
      }
    });
  }
});

describe("refused fixtures", () => {
  for (const name of REFUSED) {
    test(`${name} fails with one clear line naming the writer's version`, () => {
      const version = /^v(\d+\.\d+\.\d+)/.exec(name)![1]!;
      let err: Error | null = null;
      try {
        decodeRrd(fixture(name));
      } catch (e) {
        err = e as Error;
      }
      expect(err).not.toBeNull();
      expect(err!.message).not.toContain("\n");
      expect(err!.message).toContain(`Rerun ${version}`);
      expect(err!.message).toMatch(/protobuf|older than 0\.17/);
    });
  }
});

describe("the push decoder", () => {
  test("gives the same messages whatever the chunk sizes", () => {
    const bytes = fixture("v0.20.1_hloc-glomap_sfm-viewer-blueprint.rbl");
    const whole = decodeRrd(bytes, () => {});
    for (const size of [1, 7, 8, 12, 13, 4096]) {
      const got: LogMsg[] = [];
      const d = new RrdDecoder({ onMessage: (m) => got.push(m) });
      for (let i = 0; i < bytes.length; i += size) d.push(bytes.subarray(i, i + size));
      d.finish();
      expect(got).toEqual(whole);
    }
  });

  test("gives the same messages for back-to-back packet streams (a header before each message) whatever the chunk sizes", () => {
    const msgs = decodeRrd(fixture(POINTS_022), () => {});
    const bytes = concat(msgs.map(encodePacketStream));
    for (const size of [1, 5, 12, 19, 20, 4096]) {
      const got: LogMsg[] = [];
      const d = new RrdDecoder({ onMessage: (m) => got.push(m) });
      for (let i = 0; i < bytes.length; i += size) d.push(bytes.subarray(i, i + size));
      d.finish();
      expect(d.streams).toBe(msgs.length);
      expect(got).toEqual(msgs);
    }
  });

  test("reads several streams back to back (stdin) and warns once about another version", () => {
    const a = fixture("v0.20.1_bencher_scalar-plot.rrd");
    const b = fixture(POINTS_022);
    const warnings: string[] = [];
    const both = new Uint8Array(a.length * 2 + b.length);
    both.set(a, 0);
    both.set(a, a.length);
    both.set(b, a.length * 2);
    const msgs = decodeRrd(both, (w) => warnings.push(w));
    expect(msgs.length).toBe(2 * 2 + 802);
    expect(warnings).toEqual([
      "Found log stream with Rerun version 0.20.1, which is incompatible with the local Rerun version 0.22.1. Loading will try to continue, but might fail in subtle ways.",
    ]);
  });

  test("a stream that ends inside the next stream's header, or inside an empty body, is a clear error", () => {
    const msgs = decodeRrd(fixture(POINTS_022), () => {});
    for (const compression of ["off", "lz4"] as const) {
      const s = encodeRrd(msgs.slice(0, 3), compression);
      const open = s.subarray(0, s.length - 8);
      for (const k of [8, 11]) {
        const cut = concat([open, headerBytes(compression).subarray(0, k)]);
        expect(() => decodeRrd(cut)).toThrow(`the stream ends inside a stream header (${k} of 12 bytes)`);
      }
      expect(decodeRrd(concat([open, headerBytes(compression)]))).toEqual(msgs.slice(0, 3));
    }
    const emptyBody = new Uint8Array([...headerBytes("off"), 5, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => decodeRrd(emptyBody)).toThrow(/MsgPack error: unexpected end of data/);
  });

  test("accepts a stream that just stops between messages (no end marker)", () => {
    const msgs = decodeRrd(fixture(POINTS_022), () => {});
    const full = encodeRrd(msgs.slice(0, 10));
    const noEnd = full.subarray(0, full.length - 8);
    expect(decodeRrd(noEnd).length).toBe(10);
  });

  test("a stream ending inside a body keeps what came before and names the offset", () => {
    const bytes = fixture(POINTS_022);
    const got: LogMsg[] = [];
    const d = new RrdDecoder({ onMessage: (m) => got.push(m) });
    d.push(bytes.subarray(0, 5000));
    expect(() => d.finish()).toThrow(/ends inside a message body .*at byte 5000/);
    expect(got.length).toBeGreaterThan(2);
  });
});

describe("chunks out of record batches", () => {
  const ipc = arrowMsgs(decodeRrd(fixture("v0.20.1_bencher_scalar-plot.rrd"), () => {}))[0]!.ipc;
  const kindAt = (batch: RecordBatch, kind: string) => batch.schema.fields.findIndex((f) => f.metadata.get("rerun.kind") === kind);

  test("row ids with nulls are named first, before columns of the wrong length", () => {
    const batch = readIpcStream(ipc);
    batch.columns = batch.columns.map((c) => ({ ...c }));
    batch.columns[kindAt(batch, "control")]!.nullCount = 1;
    batch.columns[kindAt(batch, "data")]!.length -= 1;
    expect(() => chunkFromBatch(batch)).toThrow(/^RowId data has the wrong datatype/);
    batch.columns[kindAt(batch, "control")]!.nullCount = 0;
    expect(() => chunkFromBatch(batch)).toThrow("All component batches in a chunk must have the same number of rows");
  });

  test("an IPC stream inside a buffer of 2 GiB or more is read (its schema recurring)", () => {
    const first = chunkFromIpc(ipc.slice());
    const big = new Uint8Array(2 ** 31 + ipc.length);
    big.set(ipc, 2 ** 31);
    const again = chunkFromIpc(big.subarray(2 ** 31, 2 ** 31 + ipc.length));
    expect(again.numRows).toBe(first.numRows);
    expect(again.components.map((c) => c.field)).toEqual(first.components.map((c) => c.field));
  });
});
