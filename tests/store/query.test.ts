import { describe, expect, test } from "bun:test";
import { BOOL, F32, fsl, U32 } from "../../store/arrow/make.ts";
import type { JsValue } from "../../store/arrow/values.ts";
import { batch, chunkBuilder, descriptor, timeNs, type Batch, type TimeValue } from "../../store/build.ts";
import type { Chunk } from "../../store/chunk.ts";
import { EntityDb } from "../../store/db/entity-db.ts";
import { LatestAtPass } from "../../store/db/pass.ts";
import { hitValue, latestAtOne, rangeValues } from "../../store/db/query.ts";
import type { Tuid } from "../../store/logmsg.ts";
import { tuidToBigInt } from "../../store/tuid.ts";
import { seededRandom } from "../random.ts";
import { refLatestAt, refRange } from "./reference.ts";

const POS = "rerun.components.Position3D";
const COLOR = "rerun.components.Color";
const CLEAR = "rerun.components.ClearIsRecursive";
const pos = (...p: number[][]): Batch => batch(descriptor(POS, "rerun.archetypes.Points3D", "positions"), fsl(3, F32), p);
const color = (...c: number[]): Batch => batch(descriptor(COLOR, "rerun.archetypes.Points3D", "colors"), U32, c);
const clear = (recursive: boolean): Batch => batch(descriptor(CLEAR, "rerun.archetypes.Clear", "is_recursive"), BOOL, [recursive]);
const rid = (inc: number): Tuid => ({ timeNs: 1_000n, inc: BigInt(inc) });

/** A one-row chunk. */
const row = (entity: string, times: Record<string, TimeValue>, batches: Batch[], inc: number): Chunk =>
  chunkBuilder(entity).row(times, batches, rid(inc)).build();

const NO_COMPACTION = { maxBytes: 0, maxRows: 0, maxRowsIfUnsorted: 0 };

function store(...chunks: Chunk[]): EntityDb {
  return storeWith(undefined, ...chunks);
}

function storeWith(config: typeof NO_COMPACTION | undefined, ...chunks: Chunk[]): EntityDb {
  const db = new EntityDb({ kind: "Recording", id: "test" }, config);
  for (const c of chunks) db.addChunk(c);
  return db;
}

/** The latest-at result of one component as plain data (undefined = no data). */
function at(db: EntityDb, entity: string, component: string, t: bigint | number, timeline = "frame") {
  const h = db.latestAt(entity, [component], timeline, t).get(component);
  return h && { value: hitValue(h), time: h.time, inc: Number(h.rowId.inc), cleared: h.cleared };
}

const rangeOf = (db: EntityDb, entity: string, component: string, t0: number | bigint, t1: number | bigint, timeline = "frame") =>
  rangeValues(db.range(entity, [component], timeline, t0, t1).get(component) ?? []).map((r) => ({ time: r.time, inc: Number(r.rowId.inc), value: r.value }));

describe("latest-at", () => {
  test("static data wins over temporal data, whatever the order", () => {
    for (const db of [
      store(row("/a", { frame: 1 }, [pos([1, 1, 1])], 1), row("/a", {}, [pos([9, 9, 9])], 2)),
      store(row("/a", {}, [pos([9, 9, 9])], 1), row("/a", { frame: 1 }, [pos([1, 1, 1])], 2)),
    ]) {
      for (const t of [0, 1, 100]) expect(at(db, "/a", POS, t)).toEqual({ value: [[9, 9, 9]], time: null, inc: expect.any(Number), cleared: false });
    }
  });

  test("static: the larger row id wins; fully overwritten static chunks are dropped", () => {
    const db = store(row("/a", {}, [pos([2, 2, 2]), color(2)], 5), row("/a", {}, [pos([1, 1, 1])], 3), row("/a", {}, [color(7)], 6));
    expect(at(db, "/a", POS, 0)?.value).toEqual([[2, 2, 2]]);
    expect(at(db, "/a", COLOR, 0)?.value).toEqual([7]);
    expect([...db.chunks()].length).toBe(2); // row 3 never won; row 5 still wins Position3D
    db.addChunk(row("/a", {}, [pos([3, 3, 3])], 8));
    expect([...db.chunks()].map((c) => Number(c.rowIdInc[0]))).toEqual([6, 8]);
  });

  test("equal time: the larger row id wins, across chunks and inside one", () => {
    const db = store(row("/a", { frame: 5 }, [pos([1, 0, 0])], 7), row("/a", { frame: 5 }, [pos([2, 0, 0])], 3));
    expect(at(db, "/a", POS, 5)).toMatchObject({ value: [[1, 0, 0]], inc: 7 });
    const one = chunkBuilder("/b").row({ frame: 5 }, [pos([1, 0, 0])], rid(9)).row({ frame: 5 }, [pos([2, 0, 0])], rid(8)).build();
    expect(one.isSorted).toBe(false);
    expect(at(store(one), "/b", POS, 5)).toMatchObject({ value: [[1, 0, 0]], inc: 9 });
  });

  test("partial updates: each component resolves on its own; null entries are absent", () => {
    const chunk = chunkBuilder("/a")
      .row({ frame: 1 }, [pos([1, 1, 1]), color(0xff0000ff)], rid(1))
      .row({ frame: 2 }, [pos([2, 2, 2])], rid(2)) // color absent: null list entry
      .build();
    const db = store(chunk);
    expect(at(db, "/a", POS, 2)).toMatchObject({ value: [[2, 2, 2]], time: 2n });
    expect(at(db, "/a", COLOR, 2)).toMatchObject({ value: [0xff0000ff], time: 1n, cleared: false });
    expect(at(db, "/a", COLOR, 0)).toBeUndefined();
  });

  test("an empty list is a result meaning cleared", () => {
    const db = store(row("/a", { frame: 1 }, [color(1)], 1), row("/a", { frame: 3 }, [color()], 2));
    expect(at(db, "/a", COLOR, 2)).toMatchObject({ value: [1], cleared: false });
    expect(at(db, "/a", COLOR, 3)).toEqual({ value: [], time: 3n, inc: 2, cleared: true });
  });

  test("non-recursive Clear clears the entity only, until newer data", () => {
    const db = store(
      row("/a", { frame: 1 }, [pos([1, 1, 1]), color(1)], 1),
      row("/a/b", { frame: 1 }, [pos([2, 2, 2])], 2),
      row("/a", { frame: 5 }, [clear(false)], 3),
      row("/a", { frame: 6 }, [pos([3, 3, 3])], 4),
    );
    expect(at(db, "/a", POS, 4)).toMatchObject({ value: [[1, 1, 1]], cleared: false });
    expect(at(db, "/a", POS, 5)).toEqual({ value: [], time: 5n, inc: 3, cleared: true });
    expect(at(db, "/a", COLOR, 9)).toMatchObject({ value: [], cleared: true });
    expect(at(db, "/a", POS, 6)).toMatchObject({ value: [[3, 3, 3]], cleared: false });
    expect(at(db, "/a/b", POS, 9)).toMatchObject({ value: [[2, 2, 2]], cleared: false });
    expect(at(db, "/a", CLEAR, 9)).toMatchObject({ value: [false], cleared: false }); // a Clear does not clear itself
  });

  test("recursive Clear clears the subtree, not look-alike siblings, until newer data", () => {
    const db = store(
      row("/a/b/c", { frame: 1 }, [pos([1, 1, 1])], 1),
      row("/a/b", { frame: 1 }, [color(2)], 2),
      row("/ab", { frame: 1 }, [pos([4, 4, 4])], 3),
      row("/a", { frame: 5 }, [clear(true)], 4),
      row("/a/b", { frame: 7 }, [color(3)], 5),
    );
    expect(at(db, "/a/b/c", POS, 4)).toMatchObject({ cleared: false });
    expect(at(db, "/a/b/c", POS, 5)).toEqual({ value: [], time: 5n, inc: 4, cleared: true });
    expect(at(db, "/a/b", COLOR, 6)).toMatchObject({ cleared: true });
    expect(at(db, "/a/b", COLOR, 7)).toMatchObject({ value: [3], cleared: false });
    expect(at(db, "/ab", POS, 9)).toMatchObject({ value: [[4, 4, 4]], cleared: false });
    // Like re_query, only the ancestor's *latest* Clear counts: a later non-recursive one hides the recursive one.
    db.addChunk(row("/a", { frame: 8 }, [clear(false)], 6));
    expect(at(db, "/a/b/c", POS, 8)).toMatchObject({ value: [[1, 1, 1]], cleared: false });
    expect(at(db, "/a/b/c", POS, 7)).toMatchObject({ cleared: true });
  });

  test("a recursive Clear at the root clears everything; a static Clear only shadows older static data", () => {
    const db = store(row("/x/y", { frame: 1 }, [pos([1, 1, 1])], 1), row("/", { frame: 2 }, [clear(true)], 2));
    expect(at(db, "/x/y", POS, 2)).toMatchObject({ cleared: true });
    const s = store(row("/a", { frame: 1 }, [pos([1, 1, 1])], 2), row("/a", {}, [clear(false)], 1));
    expect(at(s, "/a", POS, 1)).toMatchObject({ value: [[1, 1, 1]], cleared: false });
  });

  test("timelines: log_time nanoseconds compare exactly; chunks lacking the timeline are ignored", () => {
    const t = 1_741_723_087_156_534_001n; // not representable as a double
    const db = store(
      row("/a", { log_time: timeNs(t), log_tick: 0 }, [pos([1, 1, 1])], 1),
      row("/a", { log_time: timeNs(t + 1n), log_tick: 1 }, [pos([2, 2, 2])], 2),
      row("/a", { frame: 0 }, [color(1)], 3),
    );
    expect(at(db, "/a", POS, t, "log_time")).toMatchObject({ value: [[1, 1, 1]], time: t });
    expect(at(db, "/a", POS, t + 1n, "log_time")).toMatchObject({ value: [[2, 2, 2]] });
    expect(at(db, "/a", POS, t - 1n, "log_time")).toBeUndefined();
    expect(at(db, "/a", POS, 1, "log_tick")).toMatchObject({ value: [[2, 2, 2]] });
    expect(at(db, "/a", COLOR, 9, "log_time")).toBeUndefined();
    expect(at(db, "/a", POS, 9, "frame")).toBeUndefined();
  });

  test("negative times and chunks whose rows are not in time order", () => {
    const c = chunkBuilder("/a").row({ frame: 5 }, [pos([5, 0, 0])], rid(1)).row({ frame: -3 }, [pos([-3, 0, 0])], rid(2)).row({ frame: 1 }, [pos([1, 0, 0])], rid(3)).build();
    const db = store(c);
    expect(at(db, "/a", POS, -4)).toBeUndefined();
    expect(at(db, "/a", POS, 0)).toMatchObject({ value: [[-3, 0, 0]] });
    expect(at(db, "/a", POS, 4)).toMatchObject({ value: [[1, 0, 0]] });
    expect(rangeOf(db, "/a", POS, -10, 10).map((r) => r.time)).toEqual([-3n, 1n, 5n]);
  });

  test("results point into chunk columns", () => {
    const c = row("/a", { frame: 1 }, [pos([1, 2, 3])], 1);
    const h = store(c).latestAt("/a", [POS], "frame", 1).get(POS)!;
    expect(h.chunk).toBe(c);
    expect(h.column).toBe(c.components[0]!);
    expect(h.row).toBe(0);
  });
});

describe("range", () => {
  test("across chunk boundaries, in time order, nulls skipped and empty lists kept", () => {
    const c1 = chunkBuilder("/a").row({ frame: 1 }, [pos([1, 0, 0])], rid(1)).row({ frame: 2 }, [color(2)], rid(2)).row({ frame: 3 }, [pos([3, 0, 0])], rid(3)).build();
    const c2 = chunkBuilder("/a").row({ frame: 4 }, [pos()], rid(4)).row({ frame: 5 }, [pos([5, 0, 0])], rid(5)).build();
    const c3 = row("/a", { frame: 6 }, [pos([6, 0, 0])], 6);
    const db = storeWith(NO_COMPACTION, c3, c1, c2);
    expect(rangeOf(db, "/a", POS, 2, 5)).toEqual([
      { time: 3n, inc: 3, value: [[3, 0, 0]] },
      { time: 4n, inc: 4, value: [] },
      { time: 5n, inc: 5, value: [[5, 0, 0]] },
    ]);
    const runs = db.range("/a", [POS], "frame", 0, 10).get(POS)!;
    expect(runs.map((r) => [r.chunk, Array.from(r.rows)])).toEqual([[c1, [0, 2]], [c2, [0, 1]], [c3, [0]]]);
  });

  test("interleaved chunks are merged by (time, row id)", () => {
    const a = chunkBuilder("/a").row({ frame: 1 }, [pos([1, 0, 0])], rid(1)).row({ frame: 3 }, [pos([3, 0, 0])], rid(3)).row({ frame: 5 }, [pos([5, 0, 0])], rid(5)).build();
    const b = chunkBuilder("/a").row({ frame: 2 }, [pos([2, 0, 0])], rid(2)).row({ frame: 3 }, [pos([3, 1, 0])], rid(4)).build();
    const db = storeWith(NO_COMPACTION, a, b);
    expect(rangeOf(db, "/a", POS, 0, 9).map((r) => `${r.time}/${r.inc}`)).toEqual(["1/1", "2/2", "3/3", "3/4", "5/5"]);
    expect(db.range("/a", [POS], "frame", 0, 9).get(POS)!.length).toBe(5);
  });

  test("after compaction: one chunk, same answers", () => {
    const chunks = [6, 1, 3, 2, 5, 4].map((f) => row("/a", { frame: f }, [pos([f, 0, 0])], f));
    const db = store(...chunks);
    expect([...db.chunks()].length).toBe(1);
    expect([...db.chunks()][0]!.timelines[0]!.sorted).toBe(false);
    expect(rangeOf(db, "/a", POS, 2, 5).map((r) => r.time)).toEqual([2n, 3n, 4n, 5n]);
    expect(at(db, "/a", POS, 4)).toMatchObject({ value: [[4, 0, 0]], inc: 4 });
  });

  test("static data shadows the temporal range; unknown entities and components give nothing", () => {
    const db = store(row("/a", { frame: 1 }, [pos([1, 0, 0])], 1), row("/a", {}, [pos([9, 0, 0])], 2));
    expect(rangeOf(db, "/a", POS, 0, 9)).toEqual([{ time: null, inc: 2, value: [[9, 0, 0]] }]);
    expect(db.range("/nope", [POS], "frame", 0, 9).size).toBe(0);
    expect(db.range("/a", [COLOR], "frame", 0, 9).size).toBe(0);
  });
});

/** Random chunks over a small tree: data, empties, absents, statics, clears; times out of order; one-row and multi-row chunks. */
function randomChunks(seed: number, n: number): Chunk[] {
  const r = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const entities = ["/a", "/a/b", "/a/b/c", "/d"];
  const out: Chunk[] = [];
  let inc = 0;
  for (let i = 0; i < n; i++) {
    const entity = pick(entities);
    const isStatic = r() < 0.03;
    const rows = r() < 0.8 ? 1 : 1 + Math.floor(r() * 5);
    const b = chunkBuilder(entity);
    const kinds = r() < 0.1 ? ["clear"] : r() < 0.5 ? ["pos", "color"] : ["pos"];
    for (let k = 0; k < rows; k++) {
      const batches = kinds.flatMap((kind): Batch[] => {
        if (kind === "clear") return [clear(r() < 0.5)];
        if (r() < 0.15) return []; // absent
        const empty = r() < 0.1;
        return [kind === "pos" ? pos(...(empty ? [] : [[i, k, 0]])) : color(...(empty ? [] : [i]))];
      });
      const frame = Math.floor(r() * 40) - 5;
      b.row(isStatic ? {} : { frame, log_tick: i }, batches, { timeNs: 1_000n + BigInt(Math.floor(r() * 3)), inc: BigInt(++inc) });
    }
    out.push(b.build());
  }
  return out;
}

describe("against a brute-force model", () => {
  const configs = {
    compaction: { maxBytes: 393216, maxRows: 4096, maxRowsIfUnsorted: 1024 },
    "tiny chunks": { maxBytes: 393216, maxRows: 3, maxRowsIfUnsorted: 2 },
    "no compaction": NO_COMPACTION,
  };
  for (const [label, config] of Object.entries(configs)) {
    test(`latest-at and range agree (${label})`, () => {
      for (const seed of [1, 2, 3]) {
        const chunks = randomChunks(seed, 300);
        const db = new EntityDb({ kind: "Recording", id: "x" }, config);
        for (const c of chunks) db.addChunk(c);
        const stored = [...db.chunks()].length;
        if (label === "compaction") expect(stored).toBeLessThan(chunks.length / 5);
        if (label === "tiny chunks") expect(stored).toBeLessThan(chunks.length);
        const plain = (m: Map<string, { time: bigint | null; rowId: Tuid | bigint; value?: JsValue[]; cleared: boolean }>) =>
          [...m].map(([k, h]) => [k, h.time, typeof h.rowId === "bigint" ? h.rowId : tuidToBigInt(h.rowId), h.cleared]);
        for (const entity of ["/a", "/a/b", "/a/b/c", "/d"]) {
          for (let t = -6; t <= 36; t += 3) {
            const got = db.latestAt(entity, [POS, COLOR, CLEAR], "frame", t);
            const want = refLatestAt(chunks, entity, [POS, COLOR, CLEAR], "frame", BigInt(t));
            expect(plain(got)).toEqual(plain(want));
            for (const [k, h] of got) expect(hitValue(h)).toEqual(want.get(k)!.value);
          }
          for (const [t0, t1] of [[-10, 40], [3, 9], [10, 10]] as const) {
            for (const c of [POS, COLOR]) {
              const got = rangeValues(db.range(entity, [c], "frame", t0, t1).get(c) ?? []);
              const want = refRange(chunks, entity, c, "frame", BigInt(t0), BigInt(t1));
              expect(got.map((g) => [g.time, tuidToBigInt(g.rowId), g.value])).toEqual(want.map((w) => [w.time, w.rowId, w.value]));
            }
          }
        }
      }
    });
  }
});

describe("fast paths", () => {
  const plainHit = (h: { time: bigint | null; rowId: Tuid; cleared: boolean; row: number } | null | undefined) =>
    h ? [h.time, tuidToBigInt(h.rowId), h.cleared, h.row] : null;

  test("LatestAtPass and latestAtOne give latestAt's answers, also after more data, static data, clears and GC", () => {
    const entities = ["/a", "/a/b", "/a/b/c", "/d", "/nope"];
    const chunks = randomChunks(7, 400).filter((c) => !c.components.some((k) => k.descriptor.component === CLEAR));
    const db = new EntityDb({ kind: "Recording", id: "x" }, { maxBytes: 393216, maxRows: 7, maxRowsIfUnsorted: 3 });
    const pass = new LatestAtPass(db, entities, POS, "frame");
    const agree = () => {
      for (let t = -6; t <= 36; t += 2) {
        pass.at(BigInt(t));
        entities.forEach((e, i) => {
          const want = db.latestAt(e, [POS], "frame", t).get(POS);
          expect(plainHit(pass.hit(i))).toEqual(plainHit(want));
          expect(plainHit(latestAtOne(db, e, POS, "frame", BigInt(t)))).toEqual(plainHit(want));
        });
      }
    };
    chunks.slice(0, 150).forEach((c) => db.addChunk(c));
    agree();
    chunks.slice(150).forEach((c) => db.addChunk(c)); // appends to open chunks, new chunks, statics
    agree();
    db.addChunk(row("/a/b", {}, [pos([7, 7, 7])], 10_000)); // static data now shadows /a/b
    db.addChunk(row("/a", { frame: 20 }, [clear(true)], 10_001));
    agree();
    db.gc(db.bytes / 2);
    agree();
  });

  test("latest-at and range over unevenly spaced, duplicate and extreme times", () => {
    const r = seededRandom(11);
    const times: bigint[] = [];
    let t = -(2n ** 62n);
    for (let i = 0; i < 3000; i++) {
      const gap = r() < 0.3 ? 0n : r() < 0.9 ? BigInt(Math.floor(r() * 1000)) : BigInt(Math.floor(r() * 2 ** 40)) * 997n;
      times.push((t += gap));
    }
    times.push(2n ** 63n - 1n);
    const b = chunkBuilder("/s");
    times.forEach((x, i) => b.row({ log_time: timeNs(x) }, i % 5 === 3 ? [] : [color(i)], rid(i + 1)));
    const chunk = b.build();
    const db = storeWith(NO_COMPACTION, chunk);
    const want = (q: bigint) => {
      let best = -1;
      times.forEach((x, i) => i % 5 !== 3 && x <= q && (best = i));
      return best;
    };
    const probes = [times[0]! - 1n, ...times.filter((_, i) => i % 37 === 0), ...times.map((x) => x + 1n).filter((_, i) => i % 41 === 0), 2n ** 63n - 1n];
    for (const q of probes) {
      const h = latestAtOne(db, "/s", COLOR, "log_time", q);
      expect(h ? h.row : -1).toBe(want(q));
    }
    for (let k = 0; k < 40; k++) {
      const i = Math.floor(r() * times.length), j = Math.min(times.length - 1, i + Math.floor(r() * 400));
      const got = rangeValues(db.range("/s", [COLOR], "log_time", times[i]!, times[j]!).get(COLOR) ?? []).map((x) => Number(x.rowId.inc) - 1);
      const exp = times.flatMap((x, n) => (n % 5 !== 3 && x >= times[i]! && x <= times[j]! ? [n] : []));
      expect(got).toEqual(exp);
    }
  });

  test("range rows of a chunk without nulls are views, not copies; results point into the chunk", () => {
    const b = chunkBuilder("/v");
    for (let i = 0; i < 100; i++) b.row({ frame: i }, [color(i)], rid(i + 1));
    const c = b.build();
    const runs = storeWith(NO_COMPACTION, c).range("/v", [COLOR], "frame", 10, 19).get(COLOR)!;
    expect(runs.length).toBe(1);
    expect(runs[0]!.column).toBe(c.components[0]!);
    expect(Array.from(runs[0]!.rows)).toEqual(Array.from({ length: 10 }, (_, i) => 10 + i));
    expect(runs[0]!.rows.buffer.byteLength).toBeGreaterThan(runs[0]!.rows.byteLength);
  });
});

describe("many chunks per entity", () => {
  test("latest-at and range across ordered, overlapping and late chunks, added one by one", () => {
    const r = seededRandom(5);
    const chunks: Chunk[] = [];
    let inc = 0;
    for (let k = 0; k < 60; k++) {
      const b = chunkBuilder("/m");
      const base = k < 40 ? k * 10 - 200 : Math.floor(r() * 600) - 300; // in order, then anywhere
      const rows = 1 + Math.floor(r() * 6);
      for (let i = 0; i < rows; i++) b.row({ frame: base + Math.floor(r() * 12) }, r() < 0.2 ? [color(inc)] : [pos([inc, 0, 0])], rid(++inc));
      chunks.push(b.build());
    }
    const db = storeWith(NO_COMPACTION);
    const pass = new LatestAtPass(db, ["/m"], POS, "frame");
    chunks.forEach((c, k) => {
      db.addChunk(c);
      const seen = chunks.slice(0, k + 1);
      for (let t = -320; t <= 320; t += 9) {
        const want = refLatestAt(seen, "/m", [POS], "frame", BigInt(t)).get(POS);
        const got = latestAtOne(db, "/m", POS, "frame", BigInt(t));
        expect(got && [got.time, tuidToBigInt(got.rowId)]).toEqual(want ? [want.time, want.rowId] : null);
        const p = pass.at(BigInt(t)).hit(0);
        expect(p && [p.time, tuidToBigInt(p.rowId)]).toEqual(want ? [want.time, want.rowId] : null);
      }
      for (const [t0, t1] of [[-400, 400], [-150, -120], [0, 37], [250, 251]] as const) {
        const want = refRange(seen, "/m", POS, "frame", BigInt(t0), BigInt(t1)).map((w) => [w.time, w.rowId]);
        const got = rangeValues(db.range("/m", [POS], "frame", t0, t1).get(POS) ?? []).map((g) => [g.time, tuidToBigInt(g.rowId)]);
        expect(got).toEqual(want);
      }
    });
  });
});

describe("LatestAtPass snapshots", () => {
  test("follow appends, new chunks, late chunks, static data, clears and GC", () => {
    const entities = ["/e0", "/e1", "/e2", "/e3", "/gone"];
    const db = new EntityDb({ kind: "Recording", id: "p" }, { maxBytes: 393216, maxRows: 8, maxRowsIfUnsorted: 4 });
    const pass = new LatestAtPass(db, entities, POS, "frame");
    let inc = 0, frame = 0;
    const log = (e: string, f: number) => db.addChunk(row(e, { frame: f }, [pos([f, inc, 0])], ++inc));
    const check = () => {
      for (let t = -2; t <= frame + 2; t++) {
        pass.at(BigInt(t));
        entities.forEach((e, i) => {
          const got = pass.hit(i), want = db.latestAt(e, [POS], "frame", t).get(POS);
          expect(plainHit(got)).toEqual(plainHit(want));
          expect(got?.chunk).toBe(want?.chunk);
        });
      }
    };
    const plainHit = (h: { time: bigint | null; rowId: Tuid; cleared: boolean } | null | undefined) => (h ? [h.time, tuidToBigInt(h.rowId), h.cleared] : null);
    for (; frame < 6; frame++) for (const e of entities.slice(0, 4)) log(e, frame);
    check();
    for (; frame < 20; frame++) {
      for (const e of entities.slice(0, 4)) log(e, frame); // appends, then new chunks past 8 rows
      if (frame % 2) for (const e of entities) db.latestAt(e, [POS], "frame", frame); // other queries refresh the indices first
      check();
    }
    log("/e1", 3); // a late row: the chunk is no longer in order
    check();
    log("/e4", 1);
    db.addChunk(row("/e2", {}, [pos([9, 9, 9])], ++inc)); // static data shadows /e2
    check();
    db.gc(db.bytes / 3);
    check();
    db.addChunk(row("/e3", { frame: 7 }, [clear(false)], ++inc));
    check();
  });
});

test("query times beyond the i64 range are clamped, not wrapped", () => {
  const db = store(row("/a", { frame: -5 }, [pos([1, 0, 0])], 1), row("/a", { frame: 5 }, [pos([2, 0, 0])], 2));
  expect(at(db, "/a", POS, 2n ** 64n + 1n)).toMatchObject({ value: [[2, 0, 0]] });
  expect(at(db, "/a", POS, -(2n ** 64n))).toBeUndefined();
  expect(rangeOf(db, "/a", POS, -(2n ** 70n), 2n ** 70n).map((r) => r.time)).toEqual([-5n, 5n]);
});
