/**
 * The TCP ingest harness of B1/B2/B11/B12: an SDK client in a Worker (its own thread, so client and
 * server use both CPUs) sending Rerun 0.22 TCP packets (handshake, u32-LE length, one RRD stream each),
 * and two receivers in this thread: our TCP server + ingest queue + store Hub wired as server/run.ts
 * wires them, and the anchor, a raw Bun framed-socket sink that reads the frames and discards them.
 * This file is also the Worker's entry (below `if (!isMainThread)`).
 */
import { readFileSync } from "node:fs";
import net from "node:net";
import { Ingest } from "../../server/ingest.ts";
import { startSdkServer } from "../../server/tcp/server.ts";
import { Hub } from "../../store/db/hub.ts";
import { encodePacketStream } from "../../store/encoder.ts";
import type { LogMsg } from "../../store/logmsg.ts";
import { interleaved } from "./interleave.ts";
import { stat, type Stat } from "./measure.ts";

/** Milliseconds since the epoch, sub-ms precise, on the same clock in every thread (Bun's hrtime starts anew per Worker). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Where the Worker gets its packets: a module exporting `fn(...args): Packets`. */
export interface DataSpec {
  module: string;
  fn: string;
  args: unknown[];
}

/** Packets to send (each a whole RRD stream) and which of them carry an ArrowMsg, with its max `frame`. */
export interface Packets {
  packets: Uint8Array[];
  /** Per packet: the max value on the `frame` timeline of its ArrowMsg, or -1 for other messages. */
  frames: number[];
}

/** What one send took: when the first byte went out, when each packet was handed to the socket, and when it was due (paced). */
export interface Sent {
  t0: number;
  sent: Float64Array<ArrayBuffer>;
  /** When a paced client meant to send each packet (as an SDK logs it, whether or not the socket takes it then); else `sent`. */
  due: Float64Array<ArrayBuffer>;
}

/** How to send: `pace` in bytes/s (default: as fast as the socket takes them). */
export interface SendOptions {
  port: number;
  pace?: number;
}

type ToWorker = { type: "load"; spec: DataSpec } | ({ type: "send" } & SendOptions);
type FromWorker = { type: "loaded"; count: number; bytes: number; frames: number[] } | ({ type: "sent" } & Sent) | { type: "error"; text: string };

/** An SDK client in its own thread holding one data set. */
export class Client {
  private pending: ((m: FromWorker) => void) | null = null;
  count = 0;
  bytes = 0;
  frames: number[] = [];

  private constructor(private readonly worker: Worker) {
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.pending?.(e.data);
  }

  /** Starts a Worker and has it build the packets of `spec`. */
  static async start(spec: DataSpec): Promise<Client> {
    const c = new Client(new Worker(new URL(import.meta.url).href));
    const m = await c.ask({ type: "load", spec });
    if (m.type !== "loaded") throw new Error("client: unexpected answer");
    Object.assign(c, { count: m.count, bytes: m.bytes, frames: m.frames });
    return c;
  }

  /** Connects, handshakes and sends every packet (paced if asked), then closes the connection. */
  async send(opts: SendOptions): Promise<Sent> {
    const m = await this.ask({ type: "send", ...opts });
    if (m.type !== "sent") throw new Error("client: unexpected answer");
    return m;
  }

  /** Ends the Worker. */
  close(): void {
    this.worker.terminate();
  }

  private ask(msg: ToWorker): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.pending = (m) => (m.type === "error" ? reject(new Error(`client: ${m.text}`)) : resolve(m));
      this.worker.postMessage(msg);
    });
  }
}

/** A receiver listening on 127.0.0.1: `done` resolves with the time (nowMs) its `expect`-th message or frame was handled. */
export interface Receiver {
  port: number;
  done: Promise<number>;
  close(): Promise<void>;
}

/** Our server: SDK TCP server → ingest queue → store Hub (as server/run.ts wires them); counts ArrowMsgs queryable in the store. */
export async function ourReceiver(expect: number, onChunk?: () => void): Promise<Receiver & { hub: Hub }> {
  const hub = new Hub();
  let n = 0, finish!: (t: number) => void;
  const done = new Promise<number>((r) => (finish = r));
  if (onChunk) hub.on("chunk-added", onChunk);
  const ingest = new Ingest({
    consume: (m) => {
      hub.add(m);
      if (m.kind === "ArrowMsg" && ++n === expect) finish(nowMs());
    },
    highWaterBytes: 256 << 20,
    onPressure: (high) => tcp.setPaused(high),
  });
  const tcp = await startSdkServer({
    bind: "127.0.0.1",
    port: 0,
    quiet: true,
    log: () => {},
    onMessages: (msgs, _client, more) => ingest.push(msgs, more),
    queueLatencySec: () => ingest.latencySec(),
  });
  return { port: tcp.port, done, hub, close: () => tcp.close() };
}

/** The anchor: a raw Bun socket server that walks the handshake and u32-length-prefixed frames and discards them. */
export function sinkReceiver(expect: number): Receiver {
  let finish!: (t: number) => void;
  const done = new Promise<number>((r) => (finish = r));
  // `skip` bytes of handshake or frame body to pass over, then a 4-byte length gathered in `len`/`got`.
  const server = Bun.listen<{ skip: number; len: number; got: number; frames: number }>({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      open: (s) => void (s.data = { skip: 7, len: 0, got: -1, frames: 0 }),
      data: (s, bytes) => {
        const st = s.data;
        for (let at = 0; at < bytes.length;) {
          if (st.skip > 0) {
            const k = Math.min(st.skip, bytes.length - at);
            st.skip -= k;
            at += k;
            if (st.skip > 0) break;
          } else {
            st.len |= bytes[at++]! << (8 * ++st.got);
            if (st.got < 3) continue;
            st.skip = st.len >>> 0;
            st.len = 0;
            st.got = -1;
          }
          if (st.skip === 0 && st.got === -1 && ++st.frames === expect + 1) finish(nowMs());
        }
      },
    },
  });
  return { port: server.port, done, close: async () => server.stop(true) };
}

/** One timed transfer: `receiver(expect)` started, the client's packets sent; seconds from first byte to `done`. */
export async function transfer(client: Client, receiver: (expect: number) => Promise<Receiver> | Receiver, expect: number, pace?: number): Promise<{ secs: number; sent: Sent }> {
  const r = await receiver(expect);
  try {
    const [end, sent] = await Promise.all([r.done, client.send({ port: r.port, pace })]);
    return { secs: (end - sent.t0) / 1000, sent };
  } finally {
    await r.close();
  }
}

/** Minor page faults of this process so far (Linux's /proc; null elsewhere). */
function minorFaults(): number | null {
  try {
    return Number(readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ")[7]);
  } catch {
    return null;
  }
}

/** MB/s of ours and of the anchor, and the median page faults per MB of each (client included), when known. */
export interface TcpRates {
  ours: Stat;
  sink: Stat;
  /** Retained data is new memory, faulted in page by page; the sink's reads reuse freed memory. */
  faultsNote: string | undefined;
}

/**
 * MB/s of ours and of the anchor on the client's packets: a warm-up and `runs` timed transfers each,
 * interleaved (ours, anchor, ours, …), a full GC before each.
 */
export async function tcpRates(client: Client, runs: number, arrows: number): Promise<TcpRates> {
  const mb = client.bytes / 1e6;
  const faults: [number[], number[]] = [[], []];
  const timed = async (i: 0 | 1, receiver: (expect: number) => Promise<Receiver> | Receiver, expect: number) => {
    const before = minorFaults();
    const { secs } = await transfer(client, receiver, expect);
    const after = minorFaults();
    if (before !== null && after !== null) faults[i].push((after - before) / mb);
    return mb / secs;
  };
  const [ours, sink] = await interleaved([() => timed(0, ourReceiver, arrows), () => timed(1, sinkReceiver, client.count)], { runs });
  const [f0, f1] = faults.map((f) => (f.length ? stat(f).median.toFixed(0) : null));
  return { ours: stat(ours!), sink: stat(sink!), faultsNote: f0 && f1 ? `page faults per MB, client included: ours ${f0}, sink ${f1}` : undefined };
}

/** One packet per message (Rerun 0.22's TCP sink), with the max `frame` of each ArrowMsg. */
export function packetsOf(msgs: LogMsg[]): Packets {
  const frame = (m: LogMsg) => (m.kind === "ArrowMsg" ? Number(m.timepointMax.find((e) => e.timeline.name === "frame")?.value ?? 0) : -1);
  return { packets: msgs.map(encodePacketStream), frames: msgs.map(frame) };
}

/** Sends `packets` on a fresh connection to 127.0.0.1:`port`, as the 0.22 SDK does (two writes per packet). */
async function sendAll(packets: Uint8Array[], { port, pace }: SendOptions): Promise<Sent> {
  const socket = net.connect({ port, host: "127.0.0.1", noDelay: true });
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  const sent = new Float64Array(new ArrayBuffer(8 * packets.length)), due = new Float64Array(new ArrayBuffer(8 * packets.length));
  const t0 = nowMs();
  socket.write(new Uint8Array([1, 0, 0x72, 0x65, 0x72, 0x75, 0x6e])); // protocol version 1, "rerun"
  let bytes = 0;
  for (const [i, p] of packets.entries()) {
    if (pace) {
      due[i] = t0 + (bytes / pace) * 1000;
      if (due[i]! > nowMs()) await Bun.sleep(due[i]! - nowMs());
    }
    const head = slowBytes(4);
    for (let k = 0; k < 4; k++) head[k] = p.length >>> (8 * k);
    sent[i] = nowMs();
    if (!pace) due[i] = sent[i]!;
    stampChunkTime(p, due[i]!);
    socket.write(head);
    if (!socket.write(p)) await new Promise((resolve) => socket.once("drain", resolve));
    bytes += p.length + 4;
  }
  socket.end();
  await closed;
  return { t0, sent, due };
}

/**
 * `n` bytes whose `ArrayBuffer` object JSC does not make unless asked (`.buffer`): writing a plain
 * `Uint8Array` to a `node:net` socket makes one, and each collection then walks every such buffer
 * still alive (with 1 GB of packets, 14 k of them: young collections of the client took 7–17 ms).
 */
function slowBytes(n: number): Uint8Array {
  return Buffer.allocUnsafeSlow(n);
}

/** Replaces each of `packets` by a copy in a buffer that sending does not give an `ArrayBuffer` object (see `slowBytes`). */
function makeSendable(packets: Uint8Array[]): void {
  for (let i = 0; i < packets.length; i++) {
    const copy = slowBytes(packets[i]!.length);
    copy.set(packets[i]!);
    packets[i] = copy;
  }
}

/** MessagePack of the key "time_ns" (fixstr) and the marker of the u64 after it. */
const TIME_NS_KEY = Uint8Array.of(0xa7, ...new TextEncoder().encode("time_ns"), 0xcf);
/** The stamp's bytes, big-endian as MessagePack writes a u64. */
const stamp = new DataView(new ArrayBuffer(8));

/**
 * Sets the time of a packet's chunk id (its first `time_ns`, right after the store id) to `ms`, as an
 * SDK makes the chunk when the data is logged; the server's `--drop-at-latency` reads it (server/tcp/transit.ts).
 * Element reads and writes only (no `.buffer`, see `slowBytes`).
 */
function stampChunkTime(packet: Uint8Array, ms: number): void {
  const at = indexOf(packet, TIME_NS_KEY, Math.min(packet.length, 512));
  if (at < 0) return;
  stamp.setBigUint64(0, BigInt(Math.round(ms * 1e6)));
  for (let i = 0; i < 8; i++) packet[at + TIME_NS_KEY.length + i] = stamp.getUint8(i);
}

/** The first index of `key` in `b[0, end)`, or -1. */
function indexOf(b: Uint8Array, key: Uint8Array, end: number): number {
  outer: for (let i = 0; i + key.length <= end; i++) {
    for (let k = 0; k < key.length; k++) if (b[i + k] !== key[k]) continue outer;
    return i;
  }
  return -1;
}

if (!Bun.isMainThread) {
  let data: Packets = { packets: [], frames: [] };
  const reply = (m: FromWorker, transfer: ArrayBuffer[] = []) => postMessage(m, { transfer });
  self.onmessage = async ({ data: m }: MessageEvent<ToWorker>) => {
    try {
      if (m.type === "load") {
        const mod = await import(m.spec.module);
        data = await mod[m.spec.fn](...m.spec.args);
        makeSendable(data.packets);
        reply({ type: "loaded", count: data.packets.length, bytes: data.packets.reduce((n, p) => n + p.length + 4, 7), frames: data.frames });
      } else if (m.type === "send") {
        const s = await sendAll(data.packets, m);
        reply({ type: "sent", ...s }, [s.sent.buffer, s.due.buffer]);
      }
    } catch (e) {
      reply({ type: "error", text: (e as Error).stack ?? String(e) });
    }
  };
}
