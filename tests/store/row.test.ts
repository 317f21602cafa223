/** One-row chunks queued straight from their IPC body (transport.ts `readChunk`, store/db/row-copy.ts), through `Hub.add`. */
import { expect, test } from "bun:test";
import { F32, F64, fsl, NULL, struct, U16, U8 } from "../../store/arrow/make.ts";
import type { DataType } from "../../store/arrow/types.ts";
import { writeIpcStream } from "../../store/arrow/write.ts";
import { batch, chunkBuilder, descriptor, timeNs } from "../../store/build.ts";
import type { Chunk } from "../../store/chunk.ts";
import { chunkMsg } from "../../store/chunk-msg.ts";
import { EntityDb } from "../../store/db/entity-db.ts";
import { Hub } from "../../store/db/hub.ts";
import { rangeValues } from "../../store/db/query.ts";
import type { ArrowMsg, StoreId } from "../../store/logmsg.ts";
import { ChunkRow, chunkFromIpc, chunkHeapSize, chunkToBatch, chunkToIpc, readChunk } from "../../store/transport.ts";
import { tuidToString } from "../../store/tuid.ts";

const STORE: StoreId = { kind: "Recording", id: "rows" };
const C = (name: string) => descriptor(`rerun.components.${name}`, "test.Rows", name.toLowerCase());
const COMPONENTS = ["Position3D", "Scalar", "Bytes"].map((n) => `rerun.components.${n}`);
const t = (f: number) => ({ frame: f, log_time: timeNs(1_700_000_000_000_000_000n + BigInt(f)) });

/** Row `f` of `entity`: a point, a scalar and 0–2 bytes (so the row length varies). */
function row(entity: string, f: number): Chunk {
  const bytes = Array.from({ length: f % 3 }, (_, k) => (f + k) & 0xff);
  return chunkBuilder(entity).row(t(f), [batch(C("Position3D"), fsl(3, F32), [[f, -f, 0.25]]), batch(C("Scalar"), F64, [f / 4]), batch(C("Bytes"), U8, bytes)]).build();
}

/** Everything a reader sees of a store's entities. */
function contents(db: EntityDb, entities: string[]): string {
  const out: unknown[] = [];
  for (const e of entities) for (const c of COMPONENTS) {
    out.push(e, c, rangeValues(db.range(e, [c], "frame", -1, 1e9).get(c) ?? []).map((r) => [r.time, tuidToString(r.rowId), r.value]));
  }
  for (const c of db.chunks()) out.push([c.entityPath, c.numRows, chunkHeapSize(c), c.numRows === 1 ? tuidToString(c.id) : "compacted"]);
  out.push(db.bytes);
  return JSON.stringify(out, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
}

/** The messages as a hub ingests them, and a store given each chunk read in full and taken in at once (without its shape it is never queued). */
function both(msgs: ArrowMsg[]): [EntityDb, EntityDb] {
  const hub = new Hub();
  for (const m of msgs) hub.add(m);
  const direct = new EntityDb(STORE);
  for (const m of msgs) (direct.addChunk({ ...chunkFromIpc(m.ipc), shape: undefined }), direct.settle());
  return [hub.get(STORE)!, direct];
}

test("rows queued from their IPC bytes give the store that reading each chunk in full gives (the queue's log grown several times)", () => {
  const entities = Array.from({ length: 50 }, (_, i) => `/rows/e${i}`);
  const msgs = Array.from({ length: 3000 }, (_, f) => chunkMsg(STORE, row(entities[(f * 7) % 50]!, f)));
  expect(readChunk(msgs[0]!.ipc)).not.toBeInstanceOf(ChunkRow); // a layout's first batch is read in full, then remembered
  expect(readChunk(msgs[3]!.ipc)).toBeInstanceOf(ChunkRow); // same layout (no bytes), another entity
  const [queued, direct] = both(msgs);
  expect(contents(queued, entities)).toBe(contents(direct, entities));
});

test("a row whose buffers hold more than the row is not copied from the body, and is stored right", () => {
  const padded = (c: Chunk): Chunk => {
    const col = c.components[0]!, d = col.data, child = d.children[0]!, leaf = child.children[0]!;
    const values = new Float32Array(6);
    values.set(leaf.values as Float32Array);
    return { ...c, components: [{ ...col, data: { ...d, children: [{ ...child, length: 2, children: [{ ...leaf, length: 6, values }] }] } }, ...c.components.slice(1)] };
  };
  const msgs = [0, 1, 2, 3].map((f) => chunkMsg(STORE, padded(row("/p", 3 * f))));
  readChunk(msgs[0]!.ipc);
  expect(readChunk(msgs[2]!.ipc)).toBeInstanceOf(ChunkRow);
  const [queued, direct] = both(msgs);
  expect(contents(queued, ["/p"])).toBe(contents(direct, ["/p"]));
  expect([...queued.chunks()].map((c) => c.numRows)).toEqual([4]);
});

test("rows of Null, timestamp, fixed-size integer, struct and empty lists are queued from the body and read back the same", () => {
  const TS: DataType = { kind: "timestamp", unit: "ns", tz: null };
  const AXIS_ANGLE = struct([["axis", fsl(3, F32)], ["angle", F32]]); // Rerun's RotationAxisAngle
  const odd = (entity: string, f: number): Chunk =>
    chunkBuilder(entity).row(t(f), [
      batch(C("Nothing"), NULL, Array.from({ length: f % 2 }, () => null)),
      batch(C("Stamp"), TS, [BigInt(f) * 1_000_000_007n]),
      batch(C("Color"), fsl(4, U8), [[f & 0xff, 1, 2, 3]]),
      batch(C("Halves"), U16, f % 3 === 0 ? [] : [f, f + 1]),
      batch(C("AxisAngle"), AXIS_ANGLE, [{ axis: [0, f % 2, 1], angle: f / 8 }]),
    ]).build();
  const entities = ["/o0", "/o1", "/o2"];
  const msgs = Array.from({ length: 60 }, (_, f) => chunkMsg(STORE, odd(entities[f % 3]!, f)));
  const hub = new Hub();
  for (const m of msgs) hub.add(m);
  expect(msgs.slice(6).some((m) => readChunk(m.ipc) instanceof ChunkRow)).toBe(true);
  const q = hub.get(STORE)!;
  expect(q.slack).toBeGreaterThan(0); // queued (the rows' layouts can be copied), not yet in
  const [queued, direct] = both(msgs);
  const all = ["Nothing", "Stamp", "Color", "Halves", "AxisAngle"].map((n) => `rerun.components.${n}`);
  const dump = (db: EntityDb) => JSON.stringify(entities.flatMap((e) => all.map((c) => rangeValues(db.range(e, [c], "frame", -1, 1e9).get(c) ?? []).map((r) => [r.time, tuidToString(r.rowId), r.value]))), (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
  expect(dump(queued)).toBe(dump(direct));
  expect(dump(hub.get(STORE)!)).toBe(dump(direct));
  expect(contents(queued, entities)).toBe(contents(direct, entities));
});

test("with a chunk-added listener, every chunk is made and announced as `chunkFromIpc` reads it", () => {
  const hub = new Hub();
  const seen: Chunk[] = [];
  hub.on("chunk-added", ({ chunk }) => seen.push(chunk));
  const msgs = [0, 1, 2, 3].map((f) => chunkMsg(STORE, row("/l", f)));
  for (const m of msgs) hub.add(m);
  expect(seen.map((c) => chunkToIpc(c))).toEqual(msgs.map((m) => chunkToIpc(chunkFromIpc(m.ipc))));
  expect(contents(hub.get(STORE)!, ["/l"])).toBe(contents(both(msgs)[1], ["/l"]));
});

test("a listener gets a queued row as the row, with its chunk made only when read, and equal to `chunkFromIpc`'s", () => {
  const hub = new Hub();
  const events: { row: ChunkRow | null; read: () => Chunk }[] = [];
  hub.on("chunk-added", (ev) => events.push({ row: ev.row, read: () => ev.chunk }));
  const msgs = [0, 3, 6, 9].map((f) => chunkMsg(STORE, row("/r", f)));
  for (const m of msgs) hub.add(m);
  expect(events.slice(1).map((e) => e.row?.time(0))).toEqual([3n, 6n, 9n]); // frame, read from the body (the layout's first may be read in full)
  expect(events.map((e) => chunkToIpc(e.read()))).toEqual(msgs.map((m) => chunkToIpc(chunkFromIpc(m.ipc))));
  expect(events[1]!.read()).toBe(events[1]!.read()); // made once
  expect(contents(hub.get(STORE)!, ["/r"])).toBe(contents(both(msgs)[1], ["/r"]));
});

test("a layout whose chunk fails the column checks fails them every time it recurs", () => {
  const b = chunkToBatch(row("/bad", 1));
  const k = b.schema.fields.findIndex((f) => f.name === "frame");
  b.columns[k] = { ...b.columns[k]!, nullCount: 1, validity: new Uint8Array(1) };
  const ipc = writeIpcStream(b);
  for (let i = 0; i < 3; i++) expect(() => readChunk(ipc.slice())).toThrow("Bad time column 'frame': it contains nulls");
});
