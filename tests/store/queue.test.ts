/** Queued one-row chunks (store/db/queue.ts): the same store as ingesting each chunk at once, whenever it is read. */
import { expect, test } from "bun:test";
import { F32, F64, fsl, U8 } from "../../store/arrow/make.ts";
import { batch, chunkBuilder, descriptor, timeNs } from "../../store/build.ts";
import type { Chunk } from "../../store/chunk.ts";
import { type CompactionConfig, DEFAULT_COMPACTION } from "../../store/db/compact.ts";
import { chunkMsg } from "../../store/chunk-msg.ts";
import { EntityDb } from "../../store/db/entity-db.ts";
import { EntityIndex } from "../../store/db/entity-index.ts";
import { Hub } from "../../store/db/hub.ts";
import { type Queued, RowQueue } from "../../store/db/queue.ts";
import { LatestAtPass } from "../../store/db/pass.ts";
import { hitValue, rangeValues } from "../../store/db/query.ts";
import { chunkFromIpc, chunkHeapSize, chunkToIpc } from "../../store/transport.ts";
import type { StoreId } from "../../store/logmsg.ts";
import { tuidToString } from "../../store/tuid.ts";

const C = (name: string) => descriptor(`rerun.components.${name}`, "test.Queued", name.toLowerCase());
const POS = "rerun.components.Position3D", SCALAR = "rerun.components.Scalar", BYTES = "rerun.components.Bytes";
const COMPONENTS = [POS, SCALAR, BYTES];
const ENTITIES = ["/q0", "/q1", "/q2", "/q3"];
const t = (f: number) => ({ frame: f, log_time: timeNs(1_700_000_000_000_000_000n + BigInt(f)) });

/** A one-row chunk of `entity` at frame `f` as it arrives over the wire (read from IPC, so it has a shape). */
function wire(entity: string, f: number, rows = 1): Chunk {
  const b = chunkBuilder(entity);
  for (let i = 0; i < rows; i++) {
    b.row(t(f + i), [batch(C("Position3D"), fsl(3, F32), [[f + i, -f, 0.5]]), batch(C("Scalar"), F64, [f * 1.5]), batch(C("Bytes"), U8, Array.from({ length: (f + i) % 3 }, (_, k) => k))]);
  }
  return chunkFromIpc(chunkToIpc(b.build()));
}

/** A one-row chunk with another layout (only a scalar), read from IPC. */
function scalarOnly(entity: string, f: number): Chunk {
  return chunkFromIpc(chunkToIpc(chunkBuilder(entity).row(t(f), [batch(C("Scalar"), F64, [-f])]).build()));
}

/** A static one-row chunk (no timelines). */
function staticRow(entity: string, v: number): Chunk {
  return chunkFromIpc(chunkToIpc(chunkBuilder(entity).row({}, [batch(C("Scalar"), F64, [v])]).build()));
}

/** Everything a reader can see of a store: values with times and row ids, the chunks (ids of one-row chunks), bytes and tree. */
function contents(db: EntityDb): string {
  const out: unknown[] = [];
  for (const e of ENTITIES) for (const c of COMPONENTS) {
    out.push(e, c, rangeValues(db.range(e, [c], "frame", -1, 1e9).get(c) ?? []).map((r) => [r.time, tuidToString(r.rowId), r.value]));
    const hit = db.latestAt(e, [c], "frame", 1e9).get(c);
    out.push(hit ? hitValue(hit) : null);
  }
  for (const c of db.chunks()) {
    out.push([c.entityPath, c.numRows, c.isSorted, c.timelines.map((x) => x.sorted), chunkHeapSize(c), c.numRows === 1 ? tuidToString(c.id) : "compacted"]);
  }
  out.push(db.bytes, db.tree());
  return JSON.stringify(out, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
}

/** The chunks added to a store as they come, and to one that takes each in at once (without its shape, a chunk is never queued). */
function both(chunks: Chunk[], config: CompactionConfig = DEFAULT_COMPACTION): [EntityDb, EntityDb] {
  const queued = new EntityDb({ kind: "Recording", id: "queued" }, config);
  const direct = new EntityDb({ kind: "Recording", id: "direct" }, config);
  for (const c of chunks) (queued.addChunk(c), direct.addChunk({ ...c, shape: undefined }), direct.settle());
  return [queued, direct];
}

test("queued rows mixed with chunks that are not queued give the store that ingesting each at once gives", () => {
  const chunks: Chunk[] = [];
  for (let f = 0; f < 120; f++) {
    const e = ENTITIES[f % 4]!;
    chunks.push(wire(e, f));
    if (f % 7 === 0) chunks.push(scalarOnly(e, f)); // another open chunk of the same entity
    if (f % 11 === 0) chunks.push(wire(e, f, 3)); // three rows: not queued
    if (f % 13 === 0) chunks.push(staticRow(e, f)); // static: not queued
    if (f % 17 === 0) chunks.push(chunkBuilder(e).row(t(f), [batch(C("Scalar"), F64, [f])]).build()); // built here: no shape
    if (f % 19 === 0) chunks.push(wire(e, f - 40)); // out of time order
  }
  for (const config of [DEFAULT_COMPACTION, { maxBytes: 393216, maxRows: 4, maxRowsIfUnsorted: 2 }, { maxBytes: 300, maxRows: 100, maxRowsIfUnsorted: 100 }]) {
    const [queued, direct] = both(chunks, config);
    expect(contents(queued)).toBe(contents(direct));
  }
});

test("queued rows are ordered by all 64 bits of their times: low halves with the top bit set, negative times, carries", () => {
  const frames = [-0x100000001, -5, -1, 0, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 0x17fffffff, 0x180000000];
  // Each time forwards and backwards past every other, one entity per pair, so that each comparison opens or extends an order.
  const chunks: Chunk[] = [];
  frames.forEach((a, i) => frames.forEach((b, j) => {
    const e = ENTITIES[(i + j) % 4]!;
    chunks.push(wire(e, a), wire(e, b), wire(e, a));
  }));
  for (const config of [DEFAULT_COMPACTION, { maxBytes: 393216, maxRows: 3, maxRowsIfUnsorted: 2 }]) {
    const [queued, direct] = both(chunks, config);
    expect(contents(queued)).toBe(contents(direct));
    expect([...queued.chunks()].some((c) => !c.isSorted || c.timelines.some((x) => !x.sorted))).toBe(true);
  }
});

test("a queued row that opens a chunk is stored as the very chunk it came in (same IPC bytes)", () => {
  const chunks = ENTITIES.map((e, i) => wire(e, i));
  const db = new EntityDb({ kind: "Recording", id: "one-each" });
  for (const c of chunks) db.addChunk(c);
  const stored = [...db.chunks()];
  expect(stored.map((c) => c.entityPath)).toEqual(ENTITIES);
  for (let i = 0; i < chunks.length; i++) expect(chunkToIpc(stored[i]!)).toEqual(chunkToIpc(chunks[i]!));
});

test("every read sees queued rows at once: queries, passes, entity info, tree, chunks and GC", () => {
  const db = new EntityDb({ kind: "Recording", id: "reads" }, { ...DEFAULT_COMPACTION, maxRows: 64 });
  for (let f = 0; f < 10; f++) db.addChunk(wire("/q0", f));
  expect(hitValue(db.latestAt("/q0", [POS], "frame", 100).get(POS)!)).toEqual([[9, -9, 0.5]]);
  const pass = new LatestAtPass(db, ["/q0"], POS, "frame");
  expect(hitValue(pass.at(100n).hit(0)!)).toEqual([[9, -9, 0.5]]);
  db.addChunk(wire("/q0", 10));
  expect(hitValue(pass.at(100n).hit(0)!)).toEqual([[10, -10, 0.5]]);
  db.addChunk(wire("/q1", 0));
  expect(db.entityInfo("/q1")?.numRows).toBe(1);
  db.addChunk(wire("/q2", 0));
  expect(db.tree().children.map((c) => c.path)).toContain("/q2");
  db.addChunk(wire("/q3", 0));
  expect([...db.chunks()].map((c) => c.entityPath).sort()).toEqual(ENTITIES);
  db.addChunk(wire("/q3", 1));
  expect(db.entity("/q3")?.slots.size).toBe(1);
  expect(rangeValues(db.range("/q3", [SCALAR], "frame", 0, 9).get(SCALAR)!).length).toBe(2);
  for (let f = 11; f < 400; f++) db.addChunk(wire(ENTITIES[f % 4]!, f));
  const before = db.bytes;
  expect(db.gc(before / 2)).toBeGreaterThan(0);
  expect([...db.chunks()].reduce((s, c) => s + chunkHeapSize(c), 0)).toBe(db.bytes);
});

test("a queued chunk is announced when it is added, with its chunk and message, before anything reads the store", () => {
  const db = new EntityDb({ kind: "Recording", id: "events" });
  const seen: Chunk[] = [];
  db.events.on("chunk-added", ({ chunk }) => seen.push(chunk));
  const c = wire("/q0", 0);
  db.addChunk(c);
  expect(seen).toEqual([c]);
  expect(seen[0]).toBe(c);
});

test("the store's byte count includes a queued row at once, is exact once read, and the slack bounds the difference", () => {
  const db = new EntityDb({ kind: "Recording", id: "bytes" });
  let last = db.bytes;
  for (let f = 0; f < 50; f++) {
    db.addChunk(wire(ENTITIES[f % 4]!, f));
    expect(db.bytes).toBeGreaterThan(last);
    last = db.bytes;
  }
  const slack = db.slack;
  expect(slack).toBe(50 * 4 * 3);
  const stored = [...db.chunks()].reduce((s, c) => s + chunkHeapSize(c), 0);
  expect(db.bytes).toBe(stored);
  expect(db.slack).toBe(0);
  // Queued rows count their staged bytes; a row that opens a chunk counts 4 bytes more per component once in.
  expect(stored - last).toBe(4 * 3 * ENTITIES.length);
});

test("under a memory limit, a hub with queued rows drops what one taking each chunk in at once drops", () => {
  const config = { maxBytes: 393216, maxRows: 16, maxRowsIfUnsorted: 16 };
  const queued = new Hub({ memoryLimit: 60_000, compaction: config }), direct = new Hub({ memoryLimit: 60_000, compaction: config });
  const removed = (h: Hub) => {
    const out: string[] = [];
    h.on("chunk-removed", ({ chunk, reason }) => out.push(`${reason} ${chunk.entityPath} ${chunk.numRows} ${chunk.timelines[0]!.values[0]}`));
    return out;
  };
  const [rq, rd] = [removed(queued), removed(direct)];
  const store: StoreId = { kind: "Recording", id: "limited" };
  for (let f = 0; f < 1500; f++) {
    const m = chunkMsg(store, wire(`/m${f % 40}`, f));
    queued.add(m);
    direct.open(store).addChunk({ ...chunkFromIpc(m.ipc), shape: undefined });
    direct.enforceLimit();
    expect(rq.length).toBe(rd.length);
  }
  expect(rd.length).toBeGreaterThan(0);
  expect(rq).toEqual(rd);
  expect(queued.bytes).toBe(direct.bytes);
});

test("a store takes its queued rows in by itself once rows stop coming", async () => {
  const db = new EntityDb({ kind: "Recording", id: "idle" });
  for (let f = 0; f < 20; f++) db.addChunk(wire(ENTITIES[f % 4]!, f));
  expect(db.slack).toBeGreaterThan(0);
  await Bun.sleep(50);
  expect(db.slack).toBe(0);
  expect(db.bytes).toBe([...db.chunks()].reduce((s, c) => s + chunkHeapSize(c), 0));
});

test("the queue stops at its limits and its log never grows past them (large rows)", () => {
  const q = new RowQueue(), ei = new EntityIndex("/big");
  const from = wire("/big", 0) as Queued;
  let rows = 0;
  while (!q.full(568)) (q.push(ei, from, 560, 564, 568), rows++);
  expect(rows).toBeGreaterThan(20_000);
  expect(q.buffer.length).toBeLessThanOrEqual(24 << 20);
  const small = new RowQueue();
  let n = 0;
  while (!small.full(40)) (small.push(ei, from, 40, 40, 40), n++);
  expect(n).toBe(1 << 16);
});

test("Hub.settle takes every store's queued rows in: its byte count is exact after, and within the slack before", () => {
  const hub = new Hub();
  const stores: StoreId[] = [{ kind: "Recording", id: "a" }, { kind: "Recording", id: "b" }];
  for (let f = 0; f < 40; f++) hub.add(chunkMsg(stores[f % 2]!, wire(ENTITIES[f % 4]!, f)));
  const before = hub.bytes, slack = hub.stores().reduce((n, db) => n + db.slack, 0);
  expect(slack).toBeGreaterThan(0);
  hub.settle();
  expect(hub.stores().map((db) => db.slack)).toEqual([0, 0]);
  const exact = hub.stores().reduce((n, db) => n + [...db.chunks()].reduce((s, c) => s + chunkHeapSize(c), 0), 0);
  expect(hub.bytes).toBe(exact);
  expect(exact).toBeGreaterThan(before);
  expect(exact).toBeLessThanOrEqual(before + slack);
});
