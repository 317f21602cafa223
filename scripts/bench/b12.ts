/**
 * B12: a client sending 2× faster than we ingest, against the compiled binary (`rerun --serve-web`), so
 * RSS is the real process's (/proc/<pid>/status VmRSS, sampled every 10 ms). Per run, three fresh
 * servers: one taking the data as fast as the client can send (sets our ingest rate R, and is the
 * back-pressure case), then the client paced at 2 R without and with `--drop-at-latency`. Latency is
 * the staleness of what the viewer's live feed (`/api/live`) announces: when the feed says frame F is
 * in the store, the time since the paced client was due to send F (an SDK queues what the socket does
 * not take yet, so waiting in the client counts). The client stamps each chunk id with that due time,
 * as an SDK makes a chunk when its data is logged; `--drop-at-latency` reads it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { exact, RUNS, stat } from "./measure.ts";
import { benchBinary, DEFAULT_ROLE, rssBytes } from "./proc.ts";
import type { Row, Scenario, Size } from "./scenario.ts";
import { Client, nowMs } from "./tcp.ts";

/** The data (100 k-point packets of ~2 MB), the store's limit and the drop latency, per size. */
const SIZES: Record<Size, { packets: number; limit: string; limitBytes: number; dropSec: number; runs: number }> = {
  tiny: { packets: 24, limit: "100MB", limitBytes: 100e6, dropSec: 0.2, runs: 1 },
  full: { packets: 750, limit: "500MB", limitBytes: 500e6, dropSec: 0.2, runs: RUNS },
};
const POINTS = 100_000;

/** One `rerun --serve-web` on free loopback ports. */
interface Server {
  proc: ChildProcess;
  sdkPort: number;
  httpPort: number;
}

/** Starts the binary with `args` and waits for its SDK and web ports. */
async function startServer(bin: string, args: string[]): Promise<Server> {
  const proc = spawn(bin, ["--serve-web", ...DEFAULT_ROLE, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const sdk = /SDK server listening on [^\s]+:(\d+)/.exec(err), web = /web viewer on http:\/\/[^\s]+:(\d+)\//.exec(err);
    if (sdk && web) return { proc, sdkPort: Number(sdk[1]), httpPort: Number(web[1]) };
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`rerun did not start: ${err}`);
    await Bun.sleep(10);
  }
}

/** Samples VmRSS of `pid` every 10 ms; `stop()` gives the maximum in bytes. */
function sampleRss(pid: number): { stop(): number } {
  let max = 0;
  const read = () => void (max = Math.max(max, rssBytes(pid)));
  read();
  const timer = setInterval(read, 10);
  return { stop: () => (clearInterval(timer), read(), max) };
}

/** Listens to `/api/live` and keeps, for each growth of the `frame` timeline, when it was announced and its new max. */
async function liveFrames(httpPort: number): Promise<{ seen: [number, number][]; close(): void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${httpPort}/api/live`);
  const seen: [number, number][] = [];
  ws.onmessage = (e) => {
    const t = nowMs();
    for (const ev of JSON.parse(String(e.data)) as { type: string; timeline?: string; max?: string }[]) {
      if (ev.type === "time" && ev.timeline === "frame") seen.push([t, Number(ev.max)]);
    }
  };
  await new Promise((resolve, reject) => ((ws.onopen = resolve), (ws.onerror = reject)));
  return { seen, close: () => ws.close() };
}

/** One server run: the client's packets sent (paced at `pace` B/s if given); max RSS, announced frames, when each was sent. */
async function serverRun(bin: string, client: Client, args: string[], pace?: number) {
  const server = await startServer(bin, args);
  try {
    const live = await liveFrames(server.httpPort);
    const rss = sampleRss(server.proc.pid!);
    const last = Math.max(...client.frames);
    const sent = await client.send({ port: server.sdkPort, pace });
    const deadline = nowMs() + 60_000;
    while (live.seen.at(-1)?.[1] !== last && nowMs() < deadline) await Bun.sleep(5);
    const maxRss = rss.stop();
    live.close();
    const held = ((await (await fetch(`http://127.0.0.1:${server.httpPort}/healthz`)).json()) as { bytes: number }).bytes;
    const at = new Map(client.frames.map((f, i) => [f, sent.due[i]!]));
    const lat = live.seen.map(([t, f]) => t - at.get(f)!);
    return { maxRss, held, secs: (live.seen.at(-1)![0] - sent.t0) / 1000, lat };
  } finally {
    server.proc.kill("SIGKILL");
    await new Promise((r) => server.proc.once("exit", r));
  }
}

const q = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(p * v.length))]!;

export const b12: Scenario = {
  id: "B12",
  title: "A client sending 2× faster than we ingest: RSS of the compiled binary vs its memory limit; latency with --drop-at-latency",
  run: async (size) => {
    const s = SIZES[size];
    const client = await Client.start({ module: join(import.meta.dir, "b1.ts"), fn: "pointPackets", args: [POINTS, s.packets, 12] });
    try {
      const bin = benchBinary();
      const limit = ["--server-memory-limit", s.limit];
      const drop = ["--drop-at-latency", `${s.dropSec * 1000}ms`];
      const r = { fast: [] as number[], paced: [] as number[], dropped: [] as number[], held: [] as number[], rate: [] as number[], p50: [] as number[], p99: [] as number[], max: [] as number[], plain: [] as number[] };
      for (let i = 0; i < s.runs; i++) {
        const fast = await serverRun(bin, client, limit);
        const rate = client.bytes / fast.secs;
        const paced = await serverRun(bin, client, limit, 2 * rate);
        const dropped = await serverRun(bin, client, [...limit, ...drop], 2 * rate);
        r.fast.push(fast.maxRss), r.paced.push(paced.maxRss), r.dropped.push(dropped.maxRss), r.held.push(paced.held), r.rate.push(rate / 1e6);
        r.p50.push(q(dropped.lat, 0.5)), r.p99.push(q(dropped.lat, 0.99)), r.max.push(Math.max(...dropped.lat)), r.plain.push(q(paced.lat, 0.99));
      }
      const mb = (v: number[]) => ({ ...stat(v.map((b) => b / 1e6)), unit: "MB" });
      const ms = (v: number[]) => ({ ...stat(v), unit: "ms" });
      const limitRow = { ...exact(s.limitBytes / 1e6), unit: "MB", name: `--server-memory-limit ${s.limit}` };
      const dropRow = { ...exact(s.dropSec * 1000), unit: "ms", name: `--drop-at-latency ${s.dropSec * 1000}ms (Rerun 0.22: unbounded queues)` };
      const data = `${s.packets} × ${POINTS / 1000} k-point packets (${(client.bytes / 1e6).toFixed(0)} MB)`;
      const note = `R = ${stat(r.rate).median.toFixed(0)} MB/s (our ingest rate, sent unpaced, in this run)`;
      return [
        { scenario: `B12 max RSS, ${data} sent unpaced (back-pressure)`, ours: mb(r.fast), anchor: limitRow, target: { on: "ratio", op: "<=", value: 1 }, note },
        { scenario: `B12 max RSS, sent at 2 R`, ours: mb(r.paced), anchor: limitRow, target: { on: "ratio", op: "<=", value: 1 }, note },
        { scenario: `B12 max RSS, sent at 2 R, --drop-at-latency`, ours: mb(r.dropped), anchor: limitRow, target: { on: "ratio", op: "<=", value: 1 } },
        { scenario: `B12 store held at the end, sent at 2 R (what the limit left it: /healthz bytes)`, ours: mb(r.held), anchor: limitRow, target: null },
        { scenario: `B12 latency p50, sent at 2 R, --drop-at-latency`, ours: ms(r.p50), anchor: dropRow, target: null },
        { scenario: `B12 latency p99, sent at 2 R, --drop-at-latency`, ours: ms(r.p99), anchor: dropRow, target: { on: "ratio", op: "<=", value: 5 } },
        { scenario: `B12 latency max, sent at 2 R, --drop-at-latency`, ours: ms(r.max), anchor: dropRow, target: null },
        { scenario: `B12 latency p99, sent at 2 R, no --drop-at-latency`, ours: ms(r.plain), anchor: dropRow, target: null },
      ] satisfies Row[];
    } finally {
      client.close();
    }
  },
};
