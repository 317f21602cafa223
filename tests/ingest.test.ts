import { expect, test } from "bun:test";
import { Hub } from "../store/db/hub.ts";
import { hitValue } from "../store/db/query.ts";
import { decodeRrd } from "../store/decoder.ts";
import { Ingest } from "../server/ingest.ts";
import { startSdkServer } from "../server/tcp/server.ts";
import { fixture, POINTS_022 } from "./fixtures.ts";
import { replay } from "./tcp/client.ts";

const COMPONENTS = ["rerun.components.Position3D", "rerun.components.Color", "rerun.components.Radius"];

/** Everything a user could ask the store: entity summaries and latest-at values at every frame. */
function snapshot(hub: Hub): unknown {
  const [db] = hub.stores().filter((d) => d.id.kind === "Recording");
  if (!db) throw new Error("no recording in the store");
  const paths = db.entityPaths().sort();
  return {
    id: db.id,
    app: db.info?.applicationId,
    entities: paths.map((p) => db.entityInfo(p)),
    values: paths.map((p) =>
      Array.from({ length: 50 }, (_, frame) => {
        const hits = db.latestAt(p, COMPONENTS, "frame", frame);
        return COMPONENTS.map((c) => (hits.get(c) ? hitValue(hits.get(c)!) : null));
      }),
    ),
  };
}

test("the 0.22.1 fixture replayed over TCP like the real SDK lands in the store as a direct load does", async () => {
  const msgs = decodeRrd(fixture(POINTS_022));
  const direct = new Hub();
  for (const m of msgs) direct.add(m);

  const hub = new Hub();
  const ingest = new Ingest({ consume: (m) => hub.add(m) });
  let goodbye!: () => void;
  const closed = new Promise<void>((r) => (goodbye = r));
  const server = await startSdkServer({
    bind: "127.0.0.1",
    port: 0,
    log: () => {},
    onMessages: (m) => ingest.push(m),
    onClientClosed: () => goodbye(),
    queueLatencySec: () => ingest.latencySec(),
  });
  await replay(server.port, msgs);
  await closed;
  await ingest.idle();
  await server.close();

  expect(ingest.consumed).toBe(802);
  const got = snapshot(hub) as { entities: unknown[]; values: unknown[][][] };
  expect(got.entities.length).toBe(8);
  expect(got).toEqual(snapshot(direct) as typeof got);
  // At the last frame every robot has a position.
  for (let e = 0; e < 8; e += 2) expect((got.values[e]![49]![0] as unknown[]).length).toBeGreaterThan(0);
});

test("a push into an empty queue is consumed at once; a push made while consuming waits its turn, in order", async () => {
  const msgs = decodeRrd(fixture(POINTS_022)).slice(0, 4);
  const seen: number[] = [];
  const ingest = new Ingest({
    consume: (m) => {
      seen.push(msgs.indexOf(m));
      // A consumer that pushes more: consumed after the batch being consumed, not inside it.
      if (m === msgs[1]) ingest.push([msgs[3]!]);
    },
  });
  ingest.push([msgs[0]!]);
  expect(seen).toEqual([0]);
  ingest.push([msgs[1]!, msgs[2]!]);
  expect(seen).toEqual([0, 1, 2, 3]);
  await ingest.idle();
  expect(seen).toEqual([0, 1, 2, 3]);
});

test("pushes consume at once only up to a slice of work per turn of the event loop, then wait for the next turn", async () => {
  const msgs = decodeRrd(fixture(POINTS_022)).slice(0, 4);
  let t = 0;
  const seen: number[] = [];
  const ingest = new Ingest({ now: () => t, consume: (m) => void (seen.push(msgs.indexOf(m)), (t += 5)) });
  ingest.push([msgs[0]!]);
  ingest.push([msgs[1]!]);
  expect(seen).toEqual([0, 1]); // 10 ms of work so far: over the 8 ms slice
  ingest.push([msgs[2]!]);
  expect(seen).toEqual([0, 1]);
  await ingest.idle();
  expect(seen).toEqual([0, 1, 2]);
  await new Promise((r) => setImmediate(r));
  ingest.push([msgs[3]!]); // a new turn: at once again
  expect(seen).toEqual([0, 1, 2, 3]);
});

test("an error escaping a drain reaches the pusher, and the rest of the queue is still consumed", async () => {
  const msgs = decodeRrd(fixture(POINTS_022)).slice(0, 3);
  const seen: number[] = [];
  const ingest = new Ingest({
    consume: (m) => {
      if (m === msgs[0]) throw new Error("bad message");
      seen.push(msgs.indexOf(m));
    },
    onError: (e) => {
      throw e;
    },
  });
  expect(() => ingest.push(msgs)).toThrow("bad message");
  await ingest.idle();
  expect(seen).toEqual([1, 2]);
});

test("a push whose sender has more on the way is queued, not consumed at once", async () => {
  const msgs = decodeRrd(fixture(POINTS_022)).slice(0, 2);
  const seen: number[] = [];
  const ingest = new Ingest({ consume: (m) => void seen.push(msgs.indexOf(m)) });
  ingest.push([msgs[0]!], true);
  expect(seen).toEqual([]);
  await ingest.idle();
  expect(seen).toEqual([0]);
});
