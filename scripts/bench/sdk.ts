/**
 * B20: the TypeScript SDK (log → batcher → chunks → sink) to an .rrd file and over TCP, against
 * writing the very bytes it produced raw to the same sink in the same run. Two workloads: many tiny
 * rows (one Scalar each, 100 entities: rows/s) and large point clouds (Points3D with colors: MB/s).
 * Runs standalone too: `bun scripts/bench/sdk.ts [tiny|full]`.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as rr from "../../sdk/index.ts";
import { formatTable } from "./table.ts";
import { RUNS, stat, type Stat } from "./measure.ts";
import type { Row, Scenario, Size } from "./scenario.ts";

const SIZES = { tiny: { scalars: 20_000, clouds: 10, points: 50_000 }, full: { scalars: 300_000, clouds: 50, points: 200_000 } };
const SLICE = 1 << 20;

type Workload = { name: string; rows: number; log: (rec: rr.RecordingStream) => void };
type Sink = { name: string; ours: (w: Workload) => Promise<Run>; raw: (bytes: Uint8Array) => Promise<number> };
/** One timed run: seconds, and the bytes that reached the sink. */
type Run = { secs: number; bytes: Uint8Array };

function workloads(size: Size): Workload[] {
  const s = SIZES[size];
  const positions = new Float32Array(3 * s.points).map((_, i) => Math.sin(i));
  const colors = new Uint8Array(3 * s.points).map((_, i) => i & 255);
  return [
    { name: `${s.scalars / 1000} k Scalar rows over 100 entities`, rows: s.scalars, log: (rec) => {
      for (let i = 0; i < s.scalars; i++) {
        rec.setTimeSequence("frame", i);
        rec.log(`sensors/s${i % 100}`, new rr.Scalar(Math.sin(i)));
      }
    } },
    { name: `${s.clouds} × ${s.points / 1000} k-point clouds`, rows: s.clouds, log: (rec) => {
      for (let i = 0; i < s.clouds; i++) {
        rec.setTimeSequence("frame", i);
        rec.log("lidar", new rr.Points3D(positions, { colors }));
      }
    } },
  ];
}

/** Writes `bytes` to `fd` in 1 MiB slices. */
function writeSlices(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, Math.min(SLICE, bytes.length - at));
}

function fileSink(): Sink {
  const path = join(tmpdir(), `bench-sdk-${process.pid}.rrd`);
  return {
    name: "file",
    ours: async (w) => {
      const t = performance.now();
      const rec = rr.newRecording("bench");
      rec.save(path);
      w.log(rec);
      await rec.disconnect();
      const secs = (performance.now() - t) / 1000;
      const bytes = new Uint8Array(readFileSync(path));
      rmSync(path);
      return { secs, bytes };
    },
    raw: async (bytes) => {
      const t = performance.now();
      const fd = openSync(path, "w");
      writeSlices(fd, bytes);
      closeSync(fd);
      const secs = (performance.now() - t) / 1000;
      if (statSync(path).size !== bytes.length) throw new Error("short raw write");
      rmSync(path);
      return secs;
    },
  };
}

/** A TCP server on 127.0.0.1 that keeps what one connection sends until it ends. */
async function byteServer(): Promise<{ port: number; next: () => Promise<Uint8Array>; close: () => void }> {
  let waiting: ((b: Uint8Array) => void) | null = null;
  const server = net.createServer((s) => {
    const parts: Buffer[] = [];
    s.on("data", (d: Buffer) => parts.push(d));
    s.on("end", () => waiting?.(new Uint8Array(Buffer.concat(parts))));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    next: () => new Promise((r) => (waiting = r)),
    close: () => server.close(),
  };
}

function tcpSink(server: Awaited<ReturnType<typeof byteServer>>): Sink {
  return {
    name: "TCP",
    ours: async (w) => {
      const got = server.next();
      const t = performance.now();
      const rec = rr.newRecording("bench");
      rec.connectTcp(`127.0.0.1:${server.port}`);
      w.log(rec);
      await rec.disconnect();
      const bytes = await got;
      return { secs: (performance.now() - t) / 1000, bytes };
    },
    raw: async (bytes) => {
      const got = server.next();
      const t = performance.now();
      const s = net.connect({ host: "127.0.0.1", port: server.port });
      await new Promise((r) => s.once("connect", r));
      for (let at = 0; at < bytes.length; at += SLICE) s.write(bytes.subarray(at, at + SLICE));
      s.end();
      if ((await got).length !== bytes.length) throw new Error("short raw send");
      return (performance.now() - t) / 1000;
    },
  };
}

/** Our runs and the raw runs, alternating, after one warm-up of each. */
async function measure(sink: Sink, w: Workload): Promise<{ ours: Run[]; raw: number[] }> {
  const ours: Run[] = [], raw: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    Bun.gc(true);
    const run = await sink.ours(w);
    Bun.gc(true);
    const rawSecs = await sink.raw(run.bytes);
    if (i > 0) (ours.push(run), raw.push(rawSecs));
  }
  return { ours, raw };
}

const per = (secs: number[], units: number, scale = 1): Stat => stat(secs.map((s) => units / s / scale));

/** The SDK scenario of the benchmark table. */
export const b20: Scenario = {
  id: "B20",
  title: "TypeScript SDK: log → batcher → chunks → .rrd file / TCP, vs the same bytes written raw to that sink",
  run: async (size) => {
    const server = await byteServer();
    const rows: Row[] = [];
    try {
      for (const sink of [fileSink(), tcpSink(server)]) {
        for (const w of workloads(size)) {
          const { ours, raw } = await measure(sink, w);
          const mb = ours[0]!.bytes.length / 1e6;
          const tiny = w.rows > 1000;
          const oursSecs = ours.map((r) => r.secs);
          rows.push({
            scenario: `B20 SDK ${w.name} to ${sink.name} (${mb.toFixed(1)} MB)`,
            ours: tiny ? { ...per(oursSecs, w.rows, 1000), unit: "k rows/s" } : { ...per(oursSecs, mb), unit: "MB/s" },
            anchor: tiny ? { ...per(raw, w.rows, 1000), unit: "k rows/s", name: `raw write of the same bytes` } : { ...per(raw, mb), unit: "MB/s", name: "raw write of the same bytes" },
            target: null,
            note: tiny ? `${per(oursSecs, mb).median.toFixed(1)} MB/s` : `${per(oursSecs, w.rows).median.toFixed(0)} rows/s`,
          });
        }
      }
    } finally {
      server.close();
    }
    return rows;
  },
};

if (import.meta.main) {
  const size: Size = process.argv[2] === "full" ? "full" : "tiny";
  console.log(formatTable(await b20.run(size)));
}
