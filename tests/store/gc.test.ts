import { describe, expect, test } from "bun:test";
import { F32, fsl, U32, UTF8 } from "../../store/arrow/make.ts";
import { batch, chunkBuilder, descriptor, type Batch } from "../../store/build.ts";
import type { Chunk } from "../../store/chunk.ts";
import type { EntityDb } from "../../store/db/entity-db.ts";
import { purgeFraction } from "../../store/db/gc.ts";
import { Hub } from "../../store/db/hub.ts";
import { parseMemoryLimit } from "../../store/db/memory.ts";
import { hitValue, rangeValues } from "../../store/db/query.ts";
import type { ArrowMsg, StoreId } from "../../store/logmsg.ts";
import { chunkToIpc } from "../../store/transport.ts";

describe("parseMemoryLimit", () => {
  test("sizes: base 10 and base 2 units, case-sensitive, integers only", () => {
    const cases: [string, number][] = [
      ["2GB", 2e9], ["500MiB", 500 * 2 ** 20], ["1kB", 1000], ["1KiB", 1024], ["3TB", 3e12], ["1TiB", 2 ** 40],
      ["999B", 999], ["16GB", 16e9], ["1GiB", 2 ** 30], ["\u221210B", -10], ["-10B", -10],
    ];
    for (const [s, n] of cases) expect(parseMemoryLimit(s)).toBe(n);
    for (const bad of ["1.5GB", "2gb", "2 GB", "1Mb", "GB", "", "abc", "12"]) {
      expect(() => parseMemoryLimit(bad)).toThrow(`expected e.g. '16GB', got ${JSON.stringify(bad)}`);
    }
  });

  test("percentages of total RAM", () => {
    expect(parseMemoryLimit("75%", 16e9)).toBe(12e9);
    expect(parseMemoryLimit("50%", 1000)).toBe(500);
    expect(parseMemoryLimit("12.5%", 8000)).toBe(1000);
    expect(parseMemoryLimit("75%")).toBe(Math.round(Math.fround(0.75) * require("node:os").totalmem()));
    for (const bad of ["x%", "%", "5 %", "1/2%"]) expect(() => parseMemoryLimit(bad)).toThrow(`expected e.g. '50%', got ${JSON.stringify(bad)}`);
  });
});

describe("purgeFraction", () => {
  test("max(25 %, excess + 20 %), at most everything", () => {
    expect(purgeFraction(1000, 990)).toBe(0.25);
    expect(purgeFraction(1000, 900)).toBeCloseTo(0.3);
    expect(purgeFraction(1000, 0)).toBe(1);
  });
});

const POS = "rerun.components.Position3D";
const COLOR = "rerun.components.Color";
const TEXT = "rerun.components.Text";
const pos = (x: number): Batch => batch(descriptor(POS, "rerun.archetypes.Points3D", "positions"), fsl(3, F32), [[x, x, x]]);
const color = (c: number): Batch => batch(descriptor(COLOR, "rerun.archetypes.Points3D", "colors"), U32, [c]);
const text = (s: string): Batch => batch(descriptor(TEXT), UTF8, [s]);

let inc = 0;
const msg = (storeId: StoreId, entity: string, times: Record<string, number>, batches: Batch[]): ArrowMsg => {
  const chunk: Chunk = chunkBuilder(entity).row(times, batches, { timeNs: 1n, inc: BigInt(++inc) }).build();
  return { kind: "ArrowMsg", storeId, chunkId: chunk.id, timepointMax: [], ipc: chunkToIpc(chunk) };
};

const REC: StoreId = { kind: "Recording", id: "rec" };
const BP: StoreId = { kind: "Blueprint", id: "bp" };

/** A recording: a static text, a color logged once at frame 0, positions at frames 0..99 (chunks of 10 rows). */
function fill(hub: Hub, id: StoreId = REC): EntityDb {
  hub.add(msg(id, "/a", {}, [text("static")]));
  hub.add(msg(id, "/a", { frame: 0 }, [color(7)]));
  for (let f = 0; f < 100; f++) hub.add(msg(id, "/a", { frame: f }, [pos(f)]));
  return hub.get(id)!;
}

const small = { maxBytes: 1 << 20, maxRows: 10, maxRowsIfUnsorted: 10 };

describe("garbage collection", () => {
  test("drops the oldest chunks first, keeps the latest value of every component and all static data", () => {
    const hub = new Hub({ compaction: small });
    const db = fill(hub);
    const bp = fill(hub, BP);
    bp.settle(); // queued rows in: the count is exact (see queue.ts)
    const bpBytes = bp.bytes;
    const latest = db.latestAt("/a", [POS, COLOR, TEXT], "frame", 99);
    const removed: Chunk[] = [];
    hub.on("chunk-removed", (e) => e.reason === "gc" && removed.push(e.chunk));
    hub.memoryLimit = hub.bytes - 1;
    hub.enforceLimit();
    // Just over the limit: drop ≥ 25 % of the recording, whole chunks, oldest first.
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((c) => c.entityPath === "/a" && c.components.some((k) => k.descriptor.component === POS))).toBe(true);
    const frames = removed.flatMap((c) => [...c.timelines[0]!.values].map(Number)).sort((a, b) => a - b);
    expect(frames).toEqual(Array.from({ length: frames.length }, (_, i) => i));
    expect(frames.length).toBeGreaterThanOrEqual(20);
    const after = db.latestAt("/a", [POS, COLOR, TEXT], "frame", 99);
    expect([...after].map(([k, h]) => [k, hitValue(h), h.time])).toEqual([...latest].map(([k, h]) => [k, hitValue(h), h.time]));
    expect(hitValue(db.latestAt("/a", [COLOR], "frame", 50).get(COLOR)!)).toEqual([7]); // protected: holds Color's latest value
    const left = rangeValues(db.range("/a", [POS], "frame", 0, 99).get(POS)!).map((r) => Number(r.time));
    expect(left).toEqual(Array.from({ length: 100 - frames.length }, (_, i) => frames.length + i));
    expect(bp.bytes).toBe(bpBytes);
  });

  test("every add re-checks the limit; the least recently modified recording pays first", () => {
    const hub = new Hub({ compaction: small });
    const old = fill(hub, { kind: "Recording", id: "old" });
    const fresh = fill(hub, { kind: "Recording", id: "fresh" });
    const [oldBytes, freshBytes] = [old.bytes, fresh.bytes];
    hub.memoryLimit = hub.bytes - 100;
    hub.add(msg(fresh.id, "/a", { frame: 100 }, [pos(100)]));
    expect(old.bytes).toBeLessThan(oldBytes * 0.75 + 1);
    expect(fresh.bytes).toBeGreaterThanOrEqual(freshBytes);
    expect(hub.bytes).toBeLessThanOrEqual(hub.memoryLimit);
  });

  test("when a recording has nothing left to drop, the next one is purged; static data stays", () => {
    const hub = new Hub({ compaction: small });
    const a = fill(hub, { kind: "Recording", id: "a" });
    const b = fill(hub, { kind: "Recording", id: "b" });
    hub.memoryLimit = 0;
    for (let i = 0; i < 20; i++) hub.enforceLimit();
    for (const db of [a, b]) {
      expect([...db.chunks()].length).toBe(3); // static text, color chunk, last positions chunk
      expect(hitValue(db.latestAt("/a", [TEXT], "frame", 0).get(TEXT)!)).toEqual(["static"]);
      expect(hitValue(db.latestAt("/a", [POS], "frame", 99).get(POS)!)).toEqual([[99, 99, 99]]);
    }
  });
});
