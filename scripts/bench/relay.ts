/**
 * B10: fan-out throughput of the 0.22 WebSocket relay (ingest queue → encode once → every viewer's
 * queue → socket) to 1 and 4 viewers on loopback, against a raw Bun WebSocket server sending the
 * same pre-encoded frames. The store is left out (its ingest is B-store's figure). Viewers are
 * WebSocket clients in this process; the figure is frame bytes delivered per second, all viewers together.
 */
import type { ServerWebSocket } from "bun";
import { encodeRelayFrame } from "../../store/bincode.ts";
import { Hub } from "../../store/db/hub.ts";
import type { LogMsg } from "../../store/logmsg.ts";
import { Ingest } from "../../server/ingest.ts";
import { Relay } from "../../server/relay/relay.ts";
import { startRelayServer } from "../../server/relay/server.ts";
import { bun } from "../../server/runtime/bun.ts";
import { Gen } from "./gen.ts";
import { RUNS, stat, type Stat } from "./measure.ts";
import type { Row, Scenario } from "./scenario.ts";

const SIZES = { tiny: { msgs: 100, points: 5_000 }, full: { msgs: 1_000, points: 10_000 } };
/** Raw sink: a client buffering more than this waits for its drain. */
const RAW_HIGH_WATER = 1 << 20;

export const b10: Scenario = {
  id: "B10",
  title: "0.22 relay fan-out (ingest → RR00 + bincode → viewers) to 1 and 4 loopback viewers",
  run: async (size) => {
    const s = SIZES[size], g = new Gen(10);
    const msgs: LogMsg[] = Array.from({ length: s.msgs }, (_, i) => g.msg(g.points(`/world/lidar${i % 4}`, s.points)));
    const frames = msgs.map(encodeRelayFrame);
    const mb = frames.reduce((n, f) => n + f.length, 0) / 1e6;
    const rows: Row[] = [];
    for (const clients of [1, 4]) {
      const ours = await timed(() => relayRun(msgs, clients), mb * clients);
      const raw = await timed(() => rawRun(frames, clients), mb * clients);
      rows.push({
        scenario: `B10 relay fan-out of ${s.msgs} × ${s.points / 1000} k-point chunks (${mb.toFixed(0)} MB) to ${clients} viewer(s)`,
        ours: { ...ours, unit: "MB/s" },
        anchor: { ...raw, unit: "MB/s", name: "raw Bun WebSocket sink" },
        target: { on: "ratio", op: ">=", value: 0.5 },
      });
    }
    return rows;
  },
};

/** MB/s of `run` (which returns seconds) over a warm-up and RUNS timed runs. */
async function timed(run: () => Promise<number>, mb: number): Promise<Stat> {
  const secs: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    Bun.gc(true);
    const t = await run();
    if (i > 0) secs.push(t);
  }
  return stat(secs.map((t) => mb / t));
}

/** `n` viewers on ws://127.0.0.1:port; `done` resolves once each received `bytes` bytes. */
async function viewers(port: number, n: number, bytes: number): Promise<{ done: Promise<void>; close(): void }> {
  const sockets: WebSocket[] = [];
  const done: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    ws.binaryType = "arraybuffer";
    let got = 0;
    done.push(new Promise((resolve) => (ws.onmessage = (e) => (got += (e.data as ArrayBuffer).byteLength) >= bytes && resolve())));
    await new Promise((resolve) => (ws.onopen = resolve));
    sockets.push(ws);
  }
  return { done: Promise.all(done).then(() => {}), close: () => sockets.forEach((w) => w.close()) };
}

/** Seconds for `msgs` to go through the ingest queue and the relay to `n` viewers. */
async function relayRun(msgs: LogMsg[], n: number): Promise<number> {
  const hub = new Hub();
  const relay = new Relay(hub, () => {});
  const server = await startRelayServer(bun, relay, "127.0.0.1", 0, () => {});
  const bytes = msgs.reduce((k, m) => k + encodeRelayFrame(m).length, 0);
  const v = await viewers(server.port, n, bytes);
  while (relay.size < n) await Bun.sleep(1);
  const ingest = new Ingest({ consume: (m) => relay.broadcast(m) });
  const t = performance.now();
  ingest.push(msgs);
  await v.done;
  const secs = (performance.now() - t) / 1000;
  v.close();
  await server.stop();
  return secs;
}

/** Seconds for a raw Bun WebSocket server to send `frames` to `n` viewers, honouring back-pressure. */
async function rawRun(frames: Uint8Array[], n: number): Promise<number> {
  const open: ServerWebSocket<unknown>[] = [];
  const drains = new Map<ServerWebSocket<unknown>, () => void>();
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: (req, srv) => (srv.upgrade(req) ? undefined : new Response("ws only", { status: 426 })),
    websocket: { open: (ws) => void open.push(ws), message() {}, drain: (ws) => drains.get(ws)?.() },
  });
  const v = await viewers(server.port!, n, frames.reduce((k, f) => k + f.length, 0));
  while (open.length < n) await Bun.sleep(1);
  const t = performance.now();
  for (const f of frames) {
    for (const ws of open) {
      if (ws.getBufferedAmount() > RAW_HIGH_WATER) await new Promise<void>((resolve) => drains.set(ws, resolve));
      ws.send(f);
    }
  }
  await v.done;
  const secs = (performance.now() - t) / 1000;
  v.close();
  server.stop(true);
  return secs;
}
