/** `/api/live`: batched JSON events, at most one frame per 16 ms per client, coalesced for slow clients. */
import { afterAll, describe, expect, test } from "bun:test";
import { F64 } from "../../store/arrow/make.ts";
import { batch, chunkBuilder } from "../../store/build.ts";
import { chunkMsg } from "../../store/chunk-msg.ts";
import { Hub } from "../../store/db/hub.ts";
import { LiveFeed } from "../../server/http/live.ts";
import { Relay } from "../../server/relay/relay.ts";
import { ChunkRow } from "../../store/transport.ts";
import type { LiveEvent } from "../../server/http/pending.ts";
import { startWeb, type Web } from "../../server/web.ts";
import { FakeSocket } from "./fake-socket.ts";
import { until } from "./harness.ts";
import { recording, SCALAR, storeInfo } from "./synth.ts";

const scalar = (path: string, frame: number) => chunkMsg(recording("live"), chunkBuilder(path).row({ frame }, [batch(SCALAR, F64, [frame])]).build());
let web: Web | null = null;
afterAll(() => web?.close());

describe("/api/live over a real WebSocket", () => {
  test("2000 chunks over ~100 ms arrive as a few batched frames, each a JSON array of events", async () => {
    const hub = new Hub();
    web = await startWeb(hub, { bind: "127.0.0.1", webViewerPort: 0, wsServerPort: 0, serverMemoryLimit: 0 }, () => {});
    const frames: { events: LiveEvent[] }[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${web.httpPort}/api/live`);
    ws.onmessage = (e) => frames.push({ events: JSON.parse(e.data as string) });
    await until(() => frames.length === 1, "the first frame");
    expect(frames[0]!.events).toEqual([{ type: "recordings" }]);

    const start = performance.now();
    hub.add(storeInfo(recording("live")));
    for (let i = 0; i < 2000; i++) {
      hub.add(scalar(`/s/${i % 5}`, i));
      if (i % 50 === 49) await Bun.sleep(2);
    }
    const elapsed = performance.now() - start;
    await until(() => frames.some((f) => f.events.some((e) => e.type === "time" && e.max === "1999")), "the last time range");
    const burst = frames.slice(1);
    expect(burst.length).toBeLessThanOrEqual(Math.ceil(elapsed / 16) + 2);
    const events = burst.flatMap((f) => f.events);
    expect(events).toContainEqual({ type: "recordings" });
    expect(events).toContainEqual({ type: "entities", recording: "live" });
    expect(events).toContainEqual({ type: "data", recording: "live" });
    expect(events.filter((e) => e.type === "time").at(-1)).toEqual({ type: "time", recording: "live", timeline: "frame", min: "0", max: "1999" });
    ws.close();
  });
});

/** When a LiveFeed sent each frame over 200 ms of one scalar per ms; `pauseMs(k)` is spent inside the k-th send before it counts. */
async function frameTimes(pauseMs: (k: number) => number): Promise<number[]> {
  const hub = new Hub();
  const feed = new LiveFeed(hub);
  const times: number[] = [];
  const s = new FakeSocket();
  s.send = (data) => {
    const until = performance.now() + pauseMs(times.length);
    while (performance.now() < until);
    s.sent.push(data);
    times.push(performance.now());
  };
  feed.connect(s);
  hub.add(storeInfo(recording("live")));
  const end = performance.now() + 200;
  for (let i = 0; performance.now() < end; i++) {
    hub.add(scalar("/a", i));
    await Bun.sleep(1);
  }
  await Bun.sleep(40);
  feed.close();
  return times;
}

/** Checks that more than 5 frames went out, each at least 16 ms (less a timer's rounding) after the one before. */
function expectSpaced(times: number[]): void {
  expect(times.length).toBeGreaterThan(5);
  for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(15.5);
}

describe("LiveFeed", () => {
  test("sends at most one frame per 16 ms to a client", async () => {
    expectSpaced(await frameTimes(() => 0));
  });

  test("a pause while a frame goes out (a collection, a slow encode) does not bring the next frame closer", async () => {
    expectSpaced(await frameTimes((k) => (k % 2 ? 8 : 0)));
  });

  test("a client that cannot take more gets nothing until it drained, then one coalesced frame", async () => {
    const hub = new Hub();
    const feed = new LiveFeed(hub, { intervalMs: 5, maxBufferedBytes: 100 });
    const s = new FakeSocket();
    feed.connect(s);
    await until(() => s.sent.length === 1, "the first frame");
    s.backlog = 1000;
    hub.add(storeInfo(recording("live")));
    for (let i = 0; i < 300; i++) hub.add(scalar(i < 150 ? "/a" : "/b", i));
    await Bun.sleep(50);
    expect(s.sent.length).toBe(1);
    s.backlog = 0;
    await until(() => s.sent.length === 2, "the coalesced frame");
    expect(JSON.parse(s.sent[1] as string)).toEqual([
      { type: "recordings" },
      { type: "entities", recording: "live" },
      { type: "time", recording: "live", timeline: "frame", min: "0", max: "299" },
      { type: "data", recording: "live" },
    ]);
    hub.remove(recording("live"));
    await until(() => s.sent.length === 3, "the removal");
    expect(JSON.parse(s.sent[2] as string)).toEqual([{ type: "recordings" }, { type: "removed", recording: "live" }]);
    feed.close();
    expect(s.closed?.code).toBe(1001);
  });
});

describe("the web server's listeners and queued rows", () => {
  test("the live feed and the relay take a queued one-row chunk as its row: its chunk is never made", () => {
    const hub = new Hub();
    const feed = new LiveFeed(hub);
    const relay = new Relay(hub, () => {});
    let made = 0;
    const chunk = ChunkRow.prototype.chunk;
    ChunkRow.prototype.chunk = function (this: ChunkRow) {
      made++;
      return chunk.call(this);
    };
    try {
      hub.add(storeInfo(recording("rows")));
      const msgs = Array.from({ length: 100 }, (_, i) => chunkMsg(recording("rows"), chunkBuilder(`/r/${i % 3}`).row({ frame: i }, [batch(SCALAR, F64, [i])]).build()));
      for (const m of msgs) hub.add(m);
      expect(made).toBeLessThanOrEqual(1); // a layout's first chunk is made once, for its checks
      expect([...hub.get(recording("rows"))!.chunks()].reduce((n, c) => n + c.numRows, 0)).toBe(100);
    } finally {
      ChunkRow.prototype.chunk = chunk;
      feed.close();
      relay.close();
    }
  });
});
