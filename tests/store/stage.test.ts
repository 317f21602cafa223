/** Staged one-row appends (store/db/stage.ts): the same store as appending each row, whenever it is read. */
import { expect, test } from "bun:test";
import { F32, F64, fsl, I64, U16, U32, U8 } from "../../store/arrow/make.ts";
import { batch, chunkBuilder, descriptor, indicator, timeNs, type Batch } from "../../store/build.ts";
import type { Chunk } from "../../store/chunk.ts";
import { DEFAULT_COMPACTION } from "../../store/db/compact.ts";
import { EntityDb } from "../../store/db/entity-db.ts";
import { LatestAtPass } from "../../store/db/pass.ts";
import { hitValue, rangeValues } from "../../store/db/query.ts";
import { chunkFromIpc, chunkHeapSize, chunkToIpc } from "../../store/transport.ts";
import { tuidToBigInt } from "../../store/tuid.ts";

const C = (name: string) => descriptor(`rerun.components.${name}`, "test.Staged", name.toLowerCase());
const COMPONENTS = ["Position3D", "Color", "Scalar", "Bytes", "Halves", "Big"].map((n) => `rerun.components.${n}`);
const ENTITIES = ["/s0", "/s1", "/s2"];

/** Row i: fixed- and variable-length lists of 1- to 12-byte items (0–3 items, so padding varies), and an indicator. */
function row(i: number, entity = ENTITIES[i % ENTITIES.length]!): Chunk {
  return chunkBuilder(entity).row({ frame: i, log_time: timeNs(1_700_000_000_000_000_000n + BigInt(i)) }, rowBatches(i)).build();
}

/** Every row of every component of every entity, as the store answers a range query. */
function contents(db: EntityDb): string {
  const out: unknown[] = [];
  for (const e of ENTITIES) for (const c of COMPONENTS) {
    const runs = db.range(e, [c], "frame", -1, 1e9).get(c) ?? [];
    out.push(e, c, rangeValues(runs).map((r) => [r.time, tuidToBigInt(r.rowId), r.value]));
  }
  return JSON.stringify(out, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
}

/** `c` without its shape: never queued (see queue.ts), so a store of such chunks takes each one in at once. */
const unqueued = (c: Chunk): Chunk => ({ ...c, shape: undefined });

const ingest = (chunks: Chunk[], config = DEFAULT_COMPACTION): EntityDb => {
  const db = new EntityDb({ kind: "Recording", id: "staged" }, config);
  for (const c of chunks) db.addChunk(c);
  return db;
};
const storedBytes = (db: EntityDb) => [...db.chunks()].reduce((s, c) => s + chunkHeapSize(c), 0);

test("staged rows read back as if each was appended: values, times, row ids and bytes", () => {
  const chunks = Array.from({ length: 500 }, (_, i) => chunkFromIpc(chunkToIpc(row(i))));
  const staged = ingest(chunks);
  const separate = ingest(chunks.map(unqueued), { maxBytes: 0, maxRows: 0, maxRowsIfUnsorted: 0 });
  expect(contents(staged)).toBe(contents(separate));
  expect(storedBytes(staged)).toBe(staged.bytes);
  expect([...staged.chunks()].length).toBe(ENTITIES.length);
});

/** `c` with the one entry of component `k` (or, with `item`, its first item) made null. */
function nulled(c: Chunk, k: number, item = false): Chunk {
  const col = c.components[k]!, d = col.data;
  const data = item
    ? { ...d, children: [{ ...d.children[0]!, nullCount: 1, validity: new Uint8Array(1) }] }
    : { ...d, nullCount: 1, validity: new Uint8Array(1) };
  return { ...c, components: c.components.map((x, j) => (j === k ? { ...col, data } : x)) };
}

test("rows that cannot be staged (two rows, a null entry, a null item) go in after the staged ones, in order", () => {
  const t = (i: number) => ({ frame: i, log_time: timeNs(1_700_000_000_000_000_000n + BigInt(i)) });
  const two = chunkBuilder("/s0").row(t(3), rowBatches(3)).row(t(4), rowBatches(4)).build();
  const chunks = [
    row(0, "/s0"), row(1, "/s0"), row(2, "/s0"), two, row(5, "/s0"), row(6, "/s0"),
    row(0, "/s1"), row(1, "/s1"), nulled(row(2, "/s1"), 1), row(3, "/s1"),
    row(0, "/s2"), row(1, "/s2"), nulled(row(2, "/s2"), 0, true), row(3, "/s2"),
  ];
  const db = ingest(chunks);
  expect(contents(db)).toBe(contents(ingest(chunks.map(unqueued), { maxBytes: 0, maxRows: 0, maxRowsIfUnsorted: 0 })));
  expect(rangeValues(db.range("/s1", [COMPONENTS[1]!], "frame", 0, 9).get(COMPONENTS[1]!)!).map((r) => r.time)).toEqual([0n, 1n, 3n]); // the null entry holds no value
  expect([...db.chunks()].map((c) => c.numRows)).toEqual([7, 4, 4]);
  expect(storedBytes(db)).toBe(db.bytes);
});

test("queries, latest-at passes and GC see staged rows at once", () => {
  const db = ingest(Array.from({ length: 10 }, (_, i) => row(i, "/s0")), { ...DEFAULT_COMPACTION, maxRows: 64 });
  const POS = COMPONENTS[0]!;
  expect(hitValue(db.latestAt("/s0", [POS], "frame", 100).get(POS)!)).toEqual([[9, -9, 4.5]]);
  const pass = new LatestAtPass(db, ["/s0"], POS, "frame");
  expect(hitValue(pass.at(100n).hit(0)!)).toEqual([[9, -9, 4.5]]);
  db.addChunk(row(10, "/s0"));
  expect(hitValue(pass.at(100n).hit(0)!)).toEqual([[10, -10, 5]]);
  for (let i = 11; i < 300; i++) db.addChunk(row(i, ENTITIES[i % 3]!));
  const before = db.bytes;
  expect(db.gc(before / 2)).toBeGreaterThan(0);
  expect(storedBytes(db)).toBe(db.bytes);
});

/** The batches of `row(i)`, for building multi-row chunks of the same layout. */
function rowBatches(i: number): Batch[] {
  const n = i % 4;
  return [
    batch(C("Position3D"), fsl(3, F32), [[i, -i, i / 2]]),
    batch(C("Color"), U32, [0xff000000 + i]),
    batch(C("Scalar"), F64, [i * 1.5]),
    batch(C("Bytes"), U8, Array.from({ length: n }, (_, k) => (i + k) & 0xff)),
    batch(C("Halves"), U16, Array.from({ length: 3 - n }, (_, k) => i + k)),
    batch(C("Big"), I64, [BigInt(i) << 40n]),
    indicator("test.Staged"),
  ];
}

test("a staged row out of time order caps the open chunk at the unsorted row limit at once", () => {
  const config = { maxBytes: 393216, maxRows: 8, maxRowsIfUnsorted: 4 };
  const chunks = [0, 1, 2, 1, 5, 6, 7, 8].map((f) => row(f, "/s0"));
  const db = ingest(chunks, config);
  expect([...db.chunks()].map((c) => [c.numRows, c.isSorted, c.timelines.every((t) => t.sorted)])).toEqual([[4, true, false], [4, true, true]]);
  expect(contents(db)).toBe(contents(ingest(chunks.map(unqueued), { maxBytes: 0, maxRows: 0, maxRowsIfUnsorted: 0 })));
});

/** `c` with its positions' list child holding `extra` unused points past the row's (valid Arrow: offsets need not reach the end). */
function padded(c: Chunk, extra: number): Chunk {
  const k = c.components.findIndex((x) => x.descriptor.component === COMPONENTS[0]);
  const col = c.components[k]!, d = col.data, child = d.children[0]!, leaf = child.children[0]!;
  const n = child.length + extra;
  const big = { ...child, length: n, children: [{ ...leaf, length: 3 * n, values: new Float32Array(3 * n) }] };
  return { ...c, components: c.components.map((x, j) => (j === k ? { ...col, data: { ...d, children: [big] } } : x)) };
}

/** Rows added to a store with staging, and to one settled after every row (each row moved at once: appended directly). */
function both(chunks: Chunk[], config = DEFAULT_COMPACTION): [EntityDb, EntityDb] {
  const staged = ingest([], config), direct = ingest([], config);
  for (const c of chunks) (staged.addChunk(c), direct.addChunk(unqueued(c)), direct.settle());
  return [staged, direct];
}

test("a first chunk with unused buffer bytes: the byte count is the columns' from the first staged row (found in review)", () => {
  const wire = (c: Chunk) => chunkFromIpc(chunkToIpc(c)); // one schema, so the rows fit the first chunk
  const [staged, direct] = both([padded(row(0, "/s0"), 1), ...[1, 2, 3, 4].map((i) => row(i, "/s0"))].map(wire));
  staged.settle();
  expect(staged.bytes).toBe(direct.bytes);
  expect(storedBytes(staged)).toBe(staged.bytes);
  // The count decides compaction: a first chunk of 199 unused points must not split the staged store differently.
  const rows = [padded(row(0, "/s0"), 199), ...Array.from({ length: 19 }, (_, i) => row(i + 1, "/s0"))].map(wire);
  const [s2, d2] = both(rows, { ...DEFAULT_COMPACTION, maxBytes: 4000 });
  expect([...s2.chunks()].map((c) => c.numRows)).toEqual([...d2.chunks()].map((c) => c.numRows));
});

test("staged rows with equal row ids end the row-id order as appending them one by one does (found in review)", () => {
  const first = row(0, "/s0"), dup = row(1, "/s0"); // row ids increase in creation order
  const [staged, direct] = both([first, dup, { ...row(2, "/s0"), rowIdTimeNs: dup.rowIdTimeNs, rowIdInc: dup.rowIdInc }]);
  expect([...staged.chunks()].map((c) => c.isSorted)).toEqual([false]);
  expect([...direct.chunks()].map((c) => c.isSorted)).toEqual([false]);
});
