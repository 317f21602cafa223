import { describe, expect, test } from "bun:test";
import { F32, F64, fsl, U32 } from "../../store/arrow/make.ts";
import { valueAt } from "../../store/arrow/values.ts";
import { batch, chunkBuilder, descriptor, timeNs, type Batch } from "../../store/build.ts";
import type { Chunk } from "../../store/chunk.ts";
import { compactionFromEnv, DEFAULT_COMPACTION, type CompactionConfig } from "../../store/db/compact.ts";
import { EntityDb } from "../../store/db/entity-db.ts";
import { hitValue, rangeValues } from "../../store/db/query.ts";
import { chunkFromIpc, chunkHeapSize, chunkToIpc } from "../../store/transport.ts";

const POS = "rerun.components.Position3D";
const pos = (x: number): Batch => batch(descriptor(POS, "rerun.archetypes.Points3D", "positions"), fsl(3, F32), [[x, x, x]]);
const color = (c: number): Batch => batch(descriptor("rerun.components.Color", "rerun.archetypes.Points3D", "colors"), U32, [c]);
const one = (frame: number, batches: Batch[], entity = "/a"): Chunk => chunkBuilder(entity).row({ frame, log_time: timeNs(1_741_723_087_000_000_000n + BigInt(frame)) }, batches).build();

const TEMPLATE = one(0, [pos(0)]);

/** A copy of a one-row `pos` chunk at frame i (cheaper than the builder, for bulk tests). */
function variant(c: Chunk, i: number): Chunk {
  const col = c.components[0]!, fsl3 = col.data.children[0]!, f32 = fsl3.children[0]!;
  return {
    ...c,
    rowIdInc: BigUint64Array.of(BigInt(i)),
    timelines: c.timelines.map((t) => ({ ...t, values: BigInt64Array.of(t.values[0]! + BigInt(i)) })),
    components: [{ ...col, data: { ...col.data, children: [{ ...fsl3, children: [{ ...f32, values: Float32Array.of(i, i, i) }] }] } }],
  };
}

function ingest(chunks: Chunk[], config: CompactionConfig = DEFAULT_COMPACTION): EntityDb {
  const db = new EntityDb({ kind: "Recording", id: "c" }, config);
  for (const c of chunks) db.addChunk(c);
  return db;
}

describe("compaction on insert", () => {
  test("timelines whose names contain the key's separators are not merged with other layouts", () => {
    const scalar = (x: number): Batch => batch("rerun.components.Scalar", F64, [x]);
    const a = chunkBuilder("/e").row({ a: 1, b: timeNs(10n) }, [scalar(1)]).build();
    const b = chunkBuilder("/e").row({ "a:Sequence,b": timeNs(20n) }, [scalar(2)]).build();
    const db = ingest([a, b].map((c) => chunkFromIpc(chunkToIpc(c))));
    expect([...db.chunks()].map((c) => c.timelines.map((t) => t.name).join("+")).sort()).toEqual(["a+b", "a:Sequence,b"]);
    expect(hitValue(db.latestAt("/e", ["rerun.components.Scalar"], "a:Sequence,b", 100).get("rerun.components.Scalar")!)).toEqual([2]);
    expect(hitValue(db.latestAt("/e", ["rerun.components.Scalar"], "a", 5).get("rerun.components.Scalar")!)).toEqual([1]);
  });

  test("Rerun's defaults and environment overrides", () => {
    expect(DEFAULT_COMPACTION).toEqual({ maxBytes: 393216, maxRows: 4096, maxRowsIfUnsorted: 1024 });
    expect(compactionFromEnv({})).toEqual(DEFAULT_COMPACTION);
    expect(compactionFromEnv({ RERUN_CHUNK_MAX_BYTES: "42", RERUN_CHUNK_MAX_ROWS: "666", RERUN_CHUNK_MAX_ROWS_IF_UNSORTED: "999" })).toEqual({ maxBytes: 42, maxRows: 666, maxRowsIfUnsorted: 999 });
    expect(() => compactionFromEnv({ RERUN_CHUNK_MAX_ROWS: "lots" })).toThrow("RERUN_CHUNK_MAX_ROWS=lots");
  });

  test("100k one-row chunks become ceil(100k / 4096) chunks, in linear time, with every row queryable", () => {
    const n = 100_000;
    const chunks = Array.from({ length: n }, (_, i) => variant(TEMPLATE, i));
    const time = (k: number): [EntityDb, number] => {
      const t = performance.now();
      const db = ingest(chunks.slice(0, k));
      return [db, performance.now() - t];
    };
    const [, small] = time(10_000);
    const [db, big] = time(n);
    expect(big / small).toBeLessThan(40); // 10× the rows; quadratic would be ~100×
    const stored = [...db.chunks()];
    expect(stored.length).toBe(Math.ceil(n / 4096));
    expect(stored.map((c) => c.numRows).sort((a, b) => b - a)[0]).toBe(4096);
    expect(db.bytes).toBe(stored.reduce((s, c) => s + chunkHeapSize(c), 0));
    expect(db.bytes / n).toBeLessThan(80); // row id 16 + 2 times 16 + list offset 4 + 3 × f32 12 + slack
    expect(hitValue(db.latestAt("/a", [POS], "frame", 54_321).get(POS)!)).toEqual([[54_321, 54_321, 54_321]]);
    const r = rangeValues(db.range("/a", [POS], "frame", 4090, 4100).get(POS)!);
    expect(r.map((x) => x.time)).toEqual(Array.from({ length: 11 }, (_, i) => BigInt(4090 + i)));
  });

  test("sealed and growing chunks encode to IPC and read back", () => {
    const db = ingest(Array.from({ length: 5000 }, (_, i) => one(i, [pos(i), color(i)])));
    for (const c of db.chunks()) {
      const back = chunkFromIpc(chunkToIpc(c));
      expect(back.numRows).toBe(c.numRows);
      expect(back.isSorted).toBe(true);
      expect(back.timelines.every((t) => t.sorted)).toBe(true);
      const last = c.numRows - 1;
      for (const k of c.components) {
        const b = back.components.find((x) => x.descriptor.component === k.descriptor.component)!;
        expect(valueAt(b.data, last)).toEqual(valueAt(k.data, last));
      }
    }
  });

  test("the row limit is lower when the merged chunk would be unsorted", () => {
    const config = { maxBytes: 1 << 20, maxRows: 4, maxRowsIfUnsorted: 2 };
    expect([...ingest([1, 2, 3, 4, 5].map((f) => one(f, [pos(f)])), config).chunks()].map((c) => c.numRows)).toEqual([4, 1]);
    const db = ingest([5, 4, 3, 2, 1].map((f) => one(f, [pos(f)])), config);
    expect([...db.chunks()].map((c) => c.numRows)).toEqual([2, 2, 1]);
    expect([...db.chunks()][0]!.timelines.map((t) => t.sorted)).toEqual([false, false]);
  });

  test("the byte limit stops growth; 0 limits disable compaction", () => {
    const bytes = chunkHeapSize(one(0, [pos(0)]));
    expect([...ingest([1, 2, 3].map((f) => one(f, [pos(f)])), { ...DEFAULT_COMPACTION, maxBytes: 2 * bytes }).chunks()].length).toBe(2);
    expect([...ingest([1, 2, 3].map((f) => one(f, [pos(f)])), { maxBytes: 0, maxRows: 0, maxRowsIfUnsorted: 0 }).chunks()].length).toBe(3);
  });

  test("only chunks with the same timelines, descriptors and types are merged; alternating schemas each compact", () => {
    const mixed = [one(1, [pos(1)]), one(2, [pos(2), color(2)]), one(3, [batch(POS, F64, [3])]), chunkBuilder("/a").row({ frame: 4 }, [pos(4)]).build()];
    expect([...ingest(mixed).chunks()].length).toBe(4);
    const alternating = Array.from({ length: 20 }, (_, i) => one(i >> 1, i % 2 ? [batch("rerun.components.Points3DIndicator", F32, [0])] : [pos(i)]));
    expect([...ingest(alternating).chunks()].map((c) => c.numRows)).toEqual([10, 10]);
  });
});
