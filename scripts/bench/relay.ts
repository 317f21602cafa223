/**
 * B10: the 0.22 WebSocket relay on loopback, against a raw Bun WebSocket server sending the same
 * pre-encoded frames in the same run. Fan-out: live messages (ingest queue → encode once → every
 * viewer's queue → socket) to 1 and 4 viewers, in frame bytes delivered per second, all viewers
 * together; the store is left out (its ingest is B-store's figure); viewers are WebSocket clients in this
 * process. Late joiner: one viewer in its own process (as a browser is) connects to a running relay whose
 * store holds ~1 GB of B1-like chunks, and times itself until it has the whole history.
 */
import type { ServerWebSocket } from "bun";
import { join } from "node:path";
import { encodeRelayFrame } from "../../store/bincode.ts";
import { Hub } from "../../store/db/hub.ts";
import type { LogMsg } from "../../store/logmsg.ts";
import { Ingest } from "../../server/ingest.ts";
import { Relay } from "../../server/relay/relay.ts";
import { startRelayServer } from "../../server/relay/server.ts";
import { bun } from "../../server/runtime/bun.ts";
import { Gen } from "./gen.ts";
import { interleaved } from "./interleave.ts";
import { stat } from "./measure.ts";
import type { Row, Scenario, Size } from "./scenario.ts";

const SIZES = { tiny: { msgs: 100, points: 5_000 }, full: { msgs: 1_000, points: 10_000 } };
/** The late joiner's history: B1-like chunks, ~1 GB at full size (a 100 k-point chunk is ~2 MB). */
const HISTORY: Record<Size, { chunks: number; points: number }> = { tiny: { chunks: 8, points: 10_000 }, full: { chunks: 500, points: 100_000 } };
/** Raw sink: a client buffering more than this waits for its drain. */
const RAW_HIGH_WATER = 1 << 20;
const WS_CLIENT = join(import.meta.dir, "ws-client.ts");

export const b10: Scenario = {
  id: "B10",
  title: "0.22 relay: fan-out (ingest → RR00 + bincode → viewers) to 1 and 4 loopback viewers; late joiner on ~1 GB of history",
  run: async (size) => {
    const s = SIZES[size], g = new Gen(10);
    const msgs: LogMsg[] = Array.from({ length: s.msgs }, (_, i) => g.msg(g.points(`/world/lidar${i % 4}`, s.points)));
    const frames = msgs.map((m) => encodeRelayFrame(m));
    const mb = frames.reduce((n, f) => n + f.length, 0) / 1e6;
    const rows: Row[] = [];
    for (const clients of [1, 4]) {
      const secs = await interleaved([() => relayRun(msgs, clients), () => rawRun(frames, clients)]);
      const [ours, raw] = secs.map((v) => stat(v.map((t) => (mb * clients) / t)));
      rows.push({
        scenario: `B10 relay fan-out of ${s.msgs} × ${s.points / 1000} k-point chunks (${mb.toFixed(0)} MB) to ${clients} viewer(s)`,
        ours: { ...ours!, unit: "MB/s" },
        anchor: { ...raw!, unit: "MB/s", name: "raw Bun WebSocket sink" },
        target: { on: "ratio", op: ">=", value: 0.7 },
      });
    }
    rows.push(await lateJoiner(HISTORY[size]));
    return rows;
  },
};

/** The late-joiner row: seconds per GB until one new viewer has the whole history, ours and raw. */
async function lateJoiner({ chunks, points }: { chunks: number; points: number }): Promise<Row> {
  // A running server: the relay listens to the store from the start, as in `rerun --serve-web`.
  const g = new Gen(11), hub = new Hub(), relay = new Relay(hub, () => {});
  const server = await startRelayServer(bun, relay, "127.0.0.1", 0, () => {});
  for (let i = 0; i < chunks; i++) hub.add(g.msg(g.points(`/world/lidar${i % 4}`, points)));
  // Copies: a history frame is only valid until the next one is made.
  const frames = Array.from(relay.history(), (f) => f.slice());
  const bytes = frames.reduce((n, f) => n + f.length, 0), gb = bytes / 1e9;
  const secs = await interleaved([() => lateRun(relay, server.port, bytes), () => rawLateRun(frames)]);
  await server.stop();
  const [ours, raw] = secs.map((v) => stat(v.map((t) => t / gb)));
  return {
    scenario: `B10 late joiner on ${chunks} × ${points / 1000} k-point chunks of history (${(bytes / 1e6).toFixed(0)} MB)`,
    ours: { ...ours!, unit: "s/GB" },
    anchor: { ...raw!, unit: "s/GB", name: "raw Bun WebSocket server, same bytes" },
    target: { on: "ours", op: "<=", value: 1 },
    note: "viewer process: connect to whole history",
  };
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

/** Seconds, as the viewer process measures them, from its connect to ws://127.0.0.1:`port` until it received `bytes`. */
async function remoteViewer(port: number, bytes: number): Promise<number> {
  const child = Bun.spawn({ cmd: [process.execPath, WS_CLIENT, String(port), String(bytes)], stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  if (code !== 0) throw new Error(`late joiner: ${err.trim()}`);
  return Number(out);
}

/** Seconds until a new viewer of `relay` (listening on `port`) received the `bytes` of history; then it is gone. */
async function lateRun(relay: Relay, port: number, bytes: number): Promise<number> {
  const secs = await remoteViewer(port, bytes);
  while (relay.size > 0) await Bun.sleep(1);
  return secs;
}

/** The same for a raw Bun WebSocket server sending `frames` to the viewer once it opens, honouring back-pressure. */
async function rawLateRun(frames: Uint8Array[]): Promise<number> {
  const drains = new Map<ServerWebSocket<unknown>, () => void>();
  const send = async (ws: ServerWebSocket<unknown>) => {
    for (const f of frames) {
      if (ws.getBufferedAmount() > RAW_HIGH_WATER) await new Promise<void>((resolve) => drains.set(ws, resolve));
      ws.send(f);
    }
  };
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: (req, srv) => (srv.upgrade(req) ? undefined : new Response("ws only", { status: 426 })),
    websocket: { open: (ws) => void send(ws), message() {}, drain: (ws) => drains.get(ws)?.() },
  });
  const secs = await remoteViewer(server.port!, frames.reduce((k, f) => k + f.length, 0));
  server.stop(true);
  return secs;
}
