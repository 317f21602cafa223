/** Every endpoint of docs/API.md against what the chunk store itself answers (fixture and synthetic recordings). */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { valueAt, type JsValue } from "../../store/arrow/values.ts";
import type { Chunk } from "../../store/chunk.ts";
import { Hub } from "../../store/db/hub.ts";
import { hitValue, rangeValues } from "../../store/db/query.ts";
import { decodeRrd } from "../../store/decoder.ts";
import { chunkFromIpc } from "../../store/transport.ts";
import { tuidToString } from "../../store/tuid.ts";
import { splitFrames } from "../../server/http/frames.ts";
import { QUERY_ROW_ID, QUERY_TIME } from "../../server/http/latest.ts";
import { startWeb, type Web } from "../../server/web.ts";
import { fixture, POINTS_022 } from "../fixtures.ts";
import { bigRecording, messages, recording, sine, smallRecording } from "./synth.ts";

const FIXTURE_ID = "edb16cf9-0956-4d91-83b9-1e28a8f4c9dd";
const BIG_FRAMES = 200_000;
let hub: Hub;
let web: Web;

const url = (path: string) => `http://127.0.0.1:${web.httpPort}${path}`;
const get = (path: string, init?: RequestInit) => fetch(url(path), init);
const json = async (path: string) => {
  const r = await get(path);
  expect(r.status).toBe(200);
  return r.json() as Promise<any>;
};
/** The chunks of a framed-chunks answer. */
async function chunks(path: string): Promise<Chunk[]> {
  const r = await get(path);
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toBe("application/vnd.rerun.chunks");
  expect(r.headers.get("access-control-allow-origin")).toBe("*");
  return splitFrames(new Uint8Array(await r.arrayBuffer())).map(chunkFromIpc);
}
/** Each row of `chunk` as [time on `timeline`, value of `component`]. */
function rows(chunk: Chunk, timeline: string, component: string): [bigint | null, JsValue][] {
  const t = chunk.timelines.find((c) => c.name === timeline);
  const col = chunk.components.find((c) => c.descriptor.component === component)!;
  return Array.from({ length: chunk.numRows }, (_, i) => [t ? t.values[i]! : null, valueAt(col.data, i)]);
}

beforeAll(async () => {
  hub = new Hub();
  for (const m of decodeRrd(fixture(POINTS_022))) hub.add(m);
  for (const m of messages(recording("small"), smallRecording())) hub.add(m);
  for (const m of messages(recording("big"), bigRecording(BIG_FRAMES, 2000))) hub.add(m);
  web = await startWeb(hub, { bind: "127.0.0.1", webViewerPort: 0, wsServerPort: 0, serverMemoryLimit: 0 }, () => {});
});

afterAll(() => web?.close());

describe("GET /healthz and /api/recordings", () => {
  test("/healthz counts recordings and bytes", async () => {
    const h = await json("/healthz");
    expect(h).toMatchObject({ ok: true, recordings: 3, bytes: hub.bytes });
    expect(typeof h.uptimeSec).toBe("number");
  });

  test("/api/recordings lists every store with its timelines as decimal strings", async () => {
    const list = await json("/api/recordings");
    expect(list.map((r: { id: string }) => r.id)).toEqual([FIXTURE_ID, "small", "big"]);
    const [fx, small] = list;
    expect(fx).toMatchObject({
      kind: "Recording",
      applicationId: "Multi-Environment Training - 3D",
      source: "Python 3.10.16",
      started: String(hub.get({ kind: "Recording", id: FIXTURE_ID })!.info!.started),
      version: "0.22.1",
      rows: 800,
      entityCount: 8,
      sizeBytes: hub.get({ kind: "Recording", id: FIXTURE_ID })!.bytes,
    });
    expect(fx.timelines).toEqual([
      { name: "frame", type: "Sequence", min: "0", max: "49" },
      { name: "log_tick", type: "Sequence", min: "0", max: "399" },
      { name: "log_time", type: "Time", min: "1741723087156534000", max: "1741723091125506000" },
    ]);
    expect(small).toMatchObject({ version: null, rows: 100 + 1 + 3 + 1, entityCount: 4, timelines: [{ name: "frame", type: "Sequence", min: "0", max: "99" }] });
  });
});

describe("GET /api/recordings/{id}/entities", () => {
  test("every entity with parents, sorted, with components and per-timeline extents", async () => {
    const { entities } = await json("/api/recordings/small/entities");
    expect(entities.map((e: { path: string }) => e.path)).toEqual(["/", "/plot", "/plot/sine", "/world", "/world/points", "/world/text"]);
    const byPath = Object.fromEntries(entities.map((e: { path: string }) => [e.path, e]));
    expect(byPath["/plot"]).toEqual({ path: "/plot", rows: 0, staticRows: 0, components: [], timelines: {} });
    expect(byPath["/plot/sine"]).toEqual({
      path: "/plot/sine",
      rows: 100,
      staticRows: 0,
      components: [{ component: "rerun.components.Scalar", archetype: "rerun.archetypes.Scalar", archetypeField: "scalar", type: "Float64" }],
      timelines: { frame: { min: "0", max: "99", rows: 100 } },
    });
    expect(byPath["/world/text"]).toMatchObject({ rows: 1, staticRows: 1, timelines: {} });
    expect(byPath["/world"].components[0].type).toBe("Boolean");
  });

  test("the fixture's entities match the store's entity infos", async () => {
    const db = hub.get({ kind: "Recording", id: FIXTURE_ID })!;
    const { entities } = await json(`/api/recordings/${FIXTURE_ID}/entities`);
    for (const path of db.entityPaths()) {
      const info = db.entityInfo(path)!;
      const e = entities.find((x: { path: string }) => x.path === path);
      expect(e.rows).toBe(info.numRows);
      expect(e.components.map((c: { component: string }) => c.component)).toEqual(info.components.map((c) => c.descriptor.component));
      for (const [name, t] of info.timelines) expect([e.timelines[name].min, e.timelines[name].max]).toEqual([String(t.min), String(t.max)]);
    }
  });
});

describe("GET /api/recordings/{id}/latest-at", () => {
  test("the fixture at every 7th frame: one 1-row chunk per entity, equal to the store's latest-at", async () => {
    const db = hub.get({ kind: "Recording", id: FIXTURE_ID })!;
    for (let frame = 0; frame < 50; frame += 7) {
      const got = await chunks(`/api/recordings/${FIXTURE_ID}/latest-at?timeline=frame&time=${frame}`);
      expect(got.map((c) => c.entityPath)).toEqual(db.entityPaths().sort());
      for (const c of got) {
        expect(c.numRows).toBe(1);
        const names = c.components.map((k) => k.descriptor.component);
        const hits = db.latestAt(c.entityPath, names, "frame", frame);
        expect(hits.size).toBe(names.length);
        for (const col of c.components) {
          const hit = hits.get(col.descriptor.component)!;
          expect(valueAt(col.data, 0)).toEqual(hitValue(hit));
          expect(col.field.metadata.get(QUERY_TIME)).toBe(String(hit.time));
          expect(col.field.metadata.get(QUERY_ROW_ID)).toBe(tuidToString(hit.rowId));
          expect(col.descriptor).toEqual(hit.column.descriptor);
        }
        expect(c.timelines.map((t) => [t.name, t.values[0]])).toEqual([["frame", BigInt(frame)]]);
      }
    }
  });

  test("static data wins and has no query time; a recursive Clear empties its children; filters apply", async () => {
    const at25 = await chunks("/api/recordings/small/latest-at?timeline=frame&time=25");
    expect(at25.map((c) => c.entityPath)).toEqual(["/plot/sine", "/world/points", "/world/text"]);
    const [sineAt, points, text] = at25;
    expect(valueAt(sineAt!.components[0]!.data, 0)).toEqual([sine(25)]);
    expect(valueAt(points!.components[0]!.data, 0)).toEqual([[20, 21, 22]]);
    expect(points!.components[0]!.field.metadata.get(QUERY_TIME)).toBe("20");
    expect(valueAt(text!.components[0]!.data, 0)).toEqual(["hello"]);
    expect(text!.components[0]!.field.metadata.has(QUERY_TIME)).toBe(false);
    expect(text!.timelines).toEqual([]);

    const at35 = await chunks("/api/recordings/small/latest-at?timeline=frame&time=35&entity=/world/points");
    expect(at35.length).toBe(1);
    const cleared = at35[0]!.components[0]!;
    expect(cleared.descriptor.component).toBe("rerun.components.Position3D");
    expect(valueAt(cleared.data, 0)).toEqual([]);
    expect(cleared.field.metadata.get(QUERY_TIME)).toBe("30");

    const only = await chunks("/api/recordings/small/latest-at?timeline=frame&time=5&entity=/plot&components=rerun.components.Scalar");
    expect(only.map((c) => c.entityPath)).toEqual(["/plot/sine"]);
    expect(await chunks("/api/recordings/small/latest-at?timeline=frame&time=-5&entity=/plot")).toEqual([]);
  });
});

describe("GET /api/recordings/{id}/range", () => {
  test("a slice of the small recording: rows in [from, to] with their times, plus static chunks", async () => {
    const got = await chunks("/api/recordings/small/range?timeline=frame&from=15&to=24");
    const db = hub.get({ kind: "Recording", id: "small" })!;
    const sineRows = got.filter((c) => c.entityPath === "/plot/sine").flatMap((c) => rows(c, "frame", "rerun.components.Scalar"));
    const expected = rangeValues(db.range("/plot/sine", ["rerun.components.Scalar"], "frame", 15, 24).get("rerun.components.Scalar")!);
    expect(sineRows).toEqual(expected.map((r) => [r.time, r.value]));
    expect(sineRows.map((r) => r[0])).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(15 + i)));
    const text = got.find((c) => c.entityPath === "/world/text")!;
    expect(text.timelines).toEqual([]);
    expect(got.filter((c) => c.entityPath === "/world/points").flatMap((c) => rows(c, "frame", "rerun.components.Position3D"))).toEqual([[20n, [[20, 21, 22]]]]);
    expect(got.some((c) => c.entityPath === "/world")).toBe(false); // its Clear is at frame 30
  });

  test("a time slice of a large recording returns only that slice", async () => {
    const r = await get("/api/recordings/big/range?timeline=frame&from=100000&to=100999");
    const body = new Uint8Array(await r.arrayBuffer());
    const got = splitFrames(body).map(chunkFromIpc);
    const all = got.flatMap((c) => rows(c, "frame", "rerun.components.Scalar"));
    expect(all.length).toBe(1000);
    expect(all.map(([t]) => t)).toEqual(Array.from({ length: 1000 }, (_, i) => BigInt(100_000 + i)));
    expect(all.map(([, v]) => v)).toEqual(Array.from({ length: 1000 }, (_, i) => [100_000 + i]));
    expect(body.length).toBeLessThan(hub.get({ kind: "Recording", id: "big" })!.bytes / 50);
  });

  test("from and to default to the whole timeline", async () => {
    const got = await chunks("/api/recordings/small/range?timeline=frame&entity=/plot/sine");
    expect(got.reduce((n, c) => n + c.numRows, 0)).toBe(100);
  });
});

describe("GET /api/recordings/{id}/series", () => {
  test("downsampled series keep each bucket's min and max (and its last value)", async () => {
    const { series } = await json("/api/recordings/small/series?timeline=frame&from=0&to=99&buckets=7");
    expect(series.length).toBe(1);
    const { entity, component, points } = series[0];
    expect([entity, component]).toEqual(["/plot/sine", "rerun.components.Scalar"]);
    expect(points.length).toBe(7);
    const width = 100 / 7;
    points.forEach(([t, min, max, last]: [string, number, number, number], k: number) => {
      const frames = Array.from({ length: 100 }, (_, i) => i).filter((i) => Math.floor(i / width) === k);
      const values = frames.map(sine);
      expect(min).toBe(Math.min(...values));
      expect(max).toBe(Math.max(...values));
      expect(last).toBe(sine(frames.at(-1)!));
      expect(t).toBe(String(frames.at(-1)));
    });
    expect(Math.max(...points.map((p: number[]) => p[2]))).toBe(Math.max(...Array.from({ length: 100 }, (_, i) => sine(i))));
  });

  test("with at least one bucket per point, every point is exact", async () => {
    const { series } = await json("/api/recordings/small/series?timeline=frame&buckets=1000");
    expect(series[0].points).toEqual(Array.from({ length: 100 }, (_, i) => [String(i), sine(i), sine(i), sine(i)]));
  });

  test("a large series: n buckets over a slice, min and max at the bucket edges", async () => {
    const { series } = await json("/api/recordings/big/series?timeline=frame&from=1000&to=100999&buckets=100");
    const points = series[0].points;
    expect(points.length).toBe(100);
    points.forEach(([t, min, max, last]: [string, number, number, number], k: number) => {
      expect([min, max, last, t]).toEqual([1000 + k * 1000, 1000 + k * 1000 + 999, 1000 + k * 1000 + 999, String(1000 + k * 1000 + 999)]);
    });
  });
});

describe("GET /api/recordings/{id}/rrd", () => {
  test("the whole recording as an LZ4 .rrd with the same rows", async () => {
    const r = await get("/api/recordings/small/rrd");
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="small.rrd"');
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    const msgs = decodeRrd(new Uint8Array(await r.arrayBuffer()));
    expect(msgs[0]!.kind).toBe("SetStoreInfo");
    const got = new Hub();
    for (const m of msgs) got.add(m);
    const db = got.get({ kind: "Recording", id: "small" })!;
    const orig = hub.get({ kind: "Recording", id: "small" })!;
    for (const path of orig.entityPaths()) expect(db.entityInfo(path)).toEqual(orig.entityInfo(path));
  });

  test("a time slice keeps the static data and only the rows in the slice", async () => {
    const msgs = decodeRrd(new Uint8Array(await (await get("/api/recordings/big/rrd?timeline=frame&from=5000&to=5099")).arrayBuffer()));
    const cs = msgs.flatMap((m) => (m.kind === "ArrowMsg" ? [chunkFromIpc(m.ipc)] : []));
    expect(cs.flatMap((c) => rows(c, "frame", "rerun.components.Scalar")).map(([t]) => t)).toEqual(Array.from({ length: 100 }, (_, i) => BigInt(5000 + i)));
    const small = decodeRrd(new Uint8Array(await (await get("/api/recordings/small/rrd?timeline=frame&from=0&to=0")).arrayBuffer()));
    const paths = small.flatMap((m) => (m.kind === "ArrowMsg" ? [chunkFromIpc(m.ipc).entityPath] : []));
    expect(paths.sort()).toEqual(["/plot/sine", "/world/points", "/world/text"]);
  });
});

describe("bad input: one-line JSON errors, the server keeps serving", () => {
  const cases: [string, number, RegExp][] = [
    ["/api/recordings/nope/entities", 404, /^unknown recording "nope"$/],
    ["/api/recordings/small/latest-at?time=3", 400, /missing query parameter 'timeline'/],
    ["/api/recordings/small/latest-at?timeline=frame", 400, /missing query parameter 'time'/],
    ["/api/recordings/small/latest-at?timeline=frame&time=1e3", 400, /'time' must be an integer/],
    ["/api/recordings/small/latest-at?timeline=frame&time=99999999999999999999", 400, /outside the i64 range/],
    ["/api/recordings/small/range?timeline=frame&from=9&to=3", 400, /'from' \(9\) is after 'to' \(3\)/],
    ["/api/recordings/small/range?timeline=nope", 400, /has no timeline "nope"/],
    ["/api/recordings/small/series?timeline=frame&buckets=0", 400, /'buckets' must be an integer in 1\.\.100000/],
    ["/api/recordings/small/rrd?from=3", 400, /need a 'timeline'/],
    ["/api/frobnicate", 404, /no API route GET \/api\/frobnicate/],
    ["/api/live", 426, /WebSocket/],
  ];
  for (const [path, status, re] of cases) {
    test(`${path} → ${status}`, async () => {
      const r = await get(path);
      expect(r.status).toBe(status);
      const body = await r.text();
      expect(body.split("\n").length).toBe(1);
      expect(JSON.parse(body).error).toMatch(re);
    });
  }

  test("CORS preflight on the API", async () => {
    const r = await get("/api/recordings", { method: "OPTIONS", headers: { origin: "http://elsewhere", "access-control-request-method": "GET" } });
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
  });

  test("still serving", async () => {
    expect((await json("/healthz")).ok).toBe(true);
  });
});
