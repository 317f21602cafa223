import { expect, test } from "bun:test";
import { F32, fsl, U32 } from "../../store/arrow/make.ts";
import { batch, chunkBuilder, descriptor, timeNs } from "../../store/build.ts";
import type { Chunk } from "../../store/chunk.ts";
import { Hub } from "../../store/db/hub.ts";
import { KeptChunk } from "../../store/db/kept.ts";
import { hitValue, rangeValues } from "../../store/db/query.ts";
import type { ArrowMsg, StoreId } from "../../store/logmsg.ts";
import { pickComponents, takeRows } from "../../store/slice.ts";
import { chunkFromIpc, chunkTimepointMax, chunkToBatch, chunkToIpc } from "../../store/transport.ts";
import { selectChunks } from "../../server/http/select.ts";
import { historyFrames } from "../../server/relay/history.ts";
import { scratchFrame } from "../../server/relay/scratch.ts";

const POS = "rerun.components.Position3D";
const COLOR = "rerun.components.Color";
const ID: StoreId = { kind: "Recording", id: "kept" };
/** Compaction off: every chunk is its own slot, and the one before it is sealed. */
const OFF = { maxBytes: 0, maxRows: 0, maxRowsIfUnsorted: 0 };

/** `n` rows of /a from frame `f0`: three points and a color each (a null color every fifth row). */
function chunkAt(f0: number, n: number): Chunk {
  const b = chunkBuilder("/a");
  for (let f = f0; f < f0 + n; f++) {
    const pos = batch(descriptor(POS, "rerun.archetypes.Points3D", "positions"), fsl(3, F32), [[f, f + 0.5, -f], [1, 2, 3], [f, f, f]]);
    const color = batch(descriptor(COLOR, "rerun.archetypes.Points3D", "colors"), U32, f % 5 === 0 ? [] : [f * 7]);
    b.row({ frame: f, log_time: timeNs(1_741_723_087_000_000_000n + BigInt(f)) }, [pos, color]);
  }
  return b.build();
}

const msgOf = (c: Chunk): ArrowMsg => ({ kind: "ArrowMsg", storeId: ID, chunkId: c.id, timepointMax: [], ipc: chunkToIpc(c) });

/** Two stores of the same chunks: one fed the messages (it may keep their bytes), one fed the chunks as read. */
function stores(chunks: Chunk[]) {
  const kept = new Hub({ compaction: OFF }), plain = new Hub({ compaction: OFF });
  for (const c of chunks) {
    const m = msgOf(c);
    kept.add(m);
    plain.open(ID).addChunk(chunkFromIpc(m.ipc));
  }
  return { kept: kept.open(ID), plain: plain.open(ID) };
}

test("a sealed chunk read from IPC is kept as its bytes until read, and answers queries as the chunk read in full", () => {
  const chunks = [0, 10, 20, 30].map((f) => chunkAt(f, 10));
  const { kept, plain } = stores(chunks);
  const slots = [...kept.entity("/a")!.slots];
  expect(slots.map((s) => s.chunk instanceof KeptChunk)).toEqual([true, true, true, false]);
  const made = () => slots.map((s) => s.chunk instanceof KeptChunk && s.chunk.isMade);
  expect(made()).toEqual([false, false, false, false]);
  expect(kept.bytes).toBe(plain.bytes);
  expect(kept.tree()).toEqual(plain.tree());
  expect(kept.entityInfo("/a")).toEqual(plain.entityInfo("/a"));
  expect(made()).toEqual([false, false, false, false]);
  for (let f = -1; f <= 41; f++) {
    const a = kept.latestAt("/a", [POS, COLOR], "frame", f), b = plain.latestAt("/a", [POS, COLOR], "frame", f);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, h] of a) expect([hitValue(h), h.time, h.rowId]).toEqual([hitValue(b.get(k)!), b.get(k)!.time, b.get(k)!.rowId]);
  }
  const ra = kept.range("/a", [POS, COLOR], "log_time", 0n, 2n ** 62n), rb = plain.range("/a", [POS, COLOR], "log_time", 0n, 2n ** 62n);
  for (const k of [POS, COLOR]) expect(rangeValues(ra.get(k)!)).toEqual(rangeValues(rb.get(k)!));
  expect(made()).toEqual([true, true, true, false]);
});

test("a kept chunk gives every column, id and metadata back as read, and slices like any chunk", () => {
  const chunks = [chunkAt(0, 6), chunkAt(6, 6)];
  const { kept } = stores(chunks);
  const first = [...kept.chunks()][0]!;
  expect(first).toBeInstanceOf(KeptChunk);
  const read = chunkFromIpc(chunkToIpc(chunks[0]!));
  expect(chunkToBatch(first)).toEqual(chunkToBatch(read));
  expect([first.id, first.entityPath, first.numRows, first.isSorted, first.schemaMetadata]).toEqual([read.id, read.entityPath, read.numRows, read.isSorted, read.schemaMetadata]);
  const picked = pickComponents(first, (c) => c.descriptor.component === COLOR);
  expect(chunkToBatch(picked)).toEqual(chunkToBatch(pickComponents(read, (c) => c.descriptor.component === COLOR)));
  const rows = Int32Array.of(1, 2, 5);
  expect(chunkToBatch(takeRows(first, rows))).toEqual(chunkToBatch(takeRows(read, rows)));
});

test("a chunk given without its message, or grown by compaction, is not kept as bytes", () => {
  const hub = new Hub({ compaction: OFF });
  const db = hub.open(ID);
  for (const c of [chunkAt(0, 4), chunkAt(4, 4)]) db.addChunk(chunkFromIpc(chunkToIpc(c)));
  expect([...db.chunks()].some((c) => c instanceof KeptChunk)).toBe(false);
  const grown = new Hub();
  for (const c of [chunkAt(0, 4), chunkAt(4, 4)]) grown.add(msgOf(c));
  const all = [...grown.open(ID).chunks()];
  expect(all.length).toBe(1);
  expect(all[0]!.numRows).toBe(8);
  expect(all[0]).not.toBeInstanceOf(KeptChunk);
});

test("the store's memory limit drops kept chunks like any other", () => {
  const chunks = Array.from({ length: 12 }, (_, i) => chunkAt(10 * i, 10));
  const hub = new Hub({ compaction: OFF });
  const removed: Chunk[] = [];
  hub.on("chunk-removed", (e) => removed.push(e.chunk));
  for (const c of chunks) hub.add(msgOf(c));
  const db = hub.open(ID), before = db.bytes;
  hub.memoryLimit = Math.floor(before / 2);
  hub.enforceLimit();
  expect(db.bytes).toBeLessThanOrEqual(hub.memoryLimit);
  expect(removed.length).toBeGreaterThan(0);
  expect(removed.every((c) => c instanceof KeptChunk)).toBe(true);
  expect(removed.map((c) => c.numRows).reduce((a, b) => a + b, 0)).toBe(10 * (12 - [...db.chunks()].length));
});

test("a chunk queried before it is sealed answers the same once kept as bytes", () => {
  const hub = new Hub({ compaction: OFF });
  const db = hub.open(ID);
  hub.add(msgOf(chunkAt(0, 10)));
  const before = [3, 9].map((f) => hitValue(db.latestAt("/a", [POS], "frame", f).get(POS)!));
  hub.add(msgOf(chunkAt(10, 10)));
  const first = [...db.entity("/a")!.slots][0]!;
  expect(first.chunk).toBeInstanceOf(KeptChunk);
  expect([3, 9].map((f) => hitValue(db.latestAt("/a", [POS], "frame", f).get(POS)!))).toEqual(before);
  expect(hitValue(db.latestAt("/a", [POS], "frame", 15).get(POS)!)).toEqual([[15, 15.5, -15], [1, 2, 3], [15, 15, 15]]);
});

test("the relay's history sends a kept chunk as the message it came in, and does not make its arrays", () => {
  const hub = new Hub({ compaction: OFF });
  const msgs = [0, 10, 20].map((f) => {
    const ipc = chunkToIpc(chunkAt(f, 10));
    const read = chunkFromIpc(ipc);
    return { kind: "ArrowMsg", storeId: ID, chunkId: read.id, timepointMax: chunkTimepointMax(read), ipc } satisfies ArrowMsg;
  });
  for (const m of msgs) hub.add(m);
  const slots = [...hub.open(ID).entity("/a")!.slots];
  expect(slots.map((s) => s.keptMsg(ID) !== null)).toEqual([true, true, false]);
  const frames = Array.from(historyFrames(hub), (f) => f.slice());
  expect(frames).toEqual(msgs.map((m) => scratchFrame(m).slice()));
  expect(slots.map((s) => s.chunk instanceof KeptChunk && s.chunk.isMade)).toEqual([false, false, false]);
});

test("the relay's history is taken when the viewer connects: rows appended to a stored chunk afterwards are not in it", () => {
  const hub = new Hub({ compaction: { maxBytes: 1 << 20, maxRows: 1000, maxRowsIfUnsorted: 1000 } });
  hub.add(msgOf(chunkAt(0, 3)));
  const rows: number[] = [];
  const history = historyFrames(hub, (c) => void rows.push(c.numRows));
  hub.add(msgOf(chunkAt(3, 3)));
  for (const _ of history);
  expect(rows).toEqual([3]);
});

test("selecting a time range makes no arrays of the kept chunks outside it, nor does a range query of the chunk first by time", () => {
  const hub = new Hub({ compaction: OFF });
  for (const f of [100, 0, 10, 20, 30]) hub.add(msgOf(chunkAt(f, 10)));
  const db = hub.open(ID);
  const slots = [...db.entity("/a")!.slots];
  const made = () => slots.map((s) => s.chunk instanceof KeptChunk && s.chunk.isMade);
  const out = [...selectChunks(db, { timeline: "frame", from: 12n, to: 14n, prefix: "/", components: null })];
  expect(out.map((c) => c.numRows)).toEqual([3]);
  expect(made()).toEqual([false, false, true, false, false]);
  const r = db.range("/a", [POS], "frame", 0n, 5n).get(POS)!;
  expect(r.reduce((n, x) => n + x.rows.length, 0)).toBe(6);
  expect(made()).toEqual([false, true, true, false, false]);
});

test("what queries cached of a chunk while it was open is dropped once it is kept as bytes", () => {
  const hub = new Hub({ compaction: OFF });
  const db = hub.open(ID);
  hub.add(msgOf(chunkAt(0, 10)));
  expect(hitValue(db.latestAt("/a", [POS], "frame", 5).get(POS)!)).toEqual([[5, 5.5, -5], [1, 2, 3], [5, 5, 5]]);
  hub.add(msgOf(chunkAt(10, 10)));
  const list = db.entity("/a")!.list("frame", POS)!;
  list.settle();
  const first = list.at(0);
  expect([first.chunk, first.fresh]).toEqual([null, false]);
  expect((first.slot.chunk as KeptChunk).isMade).toBe(false);
  expect(hitValue(db.latestAt("/a", [POS], "frame", 5).get(POS)!)).toEqual([[5, 5.5, -5], [1, 2, 3], [5, 5, 5]]);
  expect((first.slot.chunk as KeptChunk).isMade).toBe(true);
});
