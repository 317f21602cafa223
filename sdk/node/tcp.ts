/**
 * The TCP sink (spec §1.7): lazy connect, v1 handshake, one uncompressed RRD stream per packet,
 * reconnect with back-off, a fresh SetStoreInfo after every reconnect. The socket is ref'd only
 * while data is on its way, and retries only after `dropIfDisconnected` (exit, disconnect), which
 * gives an absent server the flush timeout before queued data is dropped: neither an idle connection
 * nor an absent server keeps a process alive for long.
 */
import net from "node:net";
import { encodePacketStream } from "../../store/encoder.ts";
import type { LogMsg } from "../../store/logmsg.ts";
import type { TcpOptions } from "../runtime.ts";
import { Backoff } from "../sinks/backoff.ts";
import type { Sink } from "../sinks/sink.ts";
import { warnOnce } from "../warn.ts";

/** Protocol version 1 (u16 LE) and "rerun". */
const HANDSHAKE = Uint8Array.of(1, 0, 0x72, 0x65, 0x72, 0x75, 0x6e);
const CONNECT_TIMEOUT_MS = 5000;

/** One packet: its u32 LE length, then the RRD stream. */
interface Packet {
  head: Uint8Array;
  body: Uint8Array;
}

function packet(msg: LogMsg): Packet {
  const body = encodePacketStream(msg);
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, body.length, true);
  return { head, body };
}

/** "host:port" or "[v6]:port". */
function parseAddr(addr: string): { host: string; port: number } {
  const m = /^\[?(.*?)\]?:(\d+)$/.exec(addr);
  if (!m) throw new RangeError(`not a host:port address: ${JSON.stringify(addr)}`);
  return { host: m[1]!, port: Number(m[2]) };
}

/** Streams messages to a Rerun server. */
export class TcpSink implements Sink {
  private readonly host: string;
  private readonly port: number;
  private socket: net.Socket | null = null;
  private connected = false;
  private everConnected = false;
  private queue: Packet[] = [];
  private inflight: Packet[] = [];
  private retry: ReturnType<typeof setTimeout> | null = null;
  private readonly backoff = new Backoff();
  /** Set by `dropIfDisconnected`: when queued data is given up if no connection could be made. */
  private dropAt: number | null = null;
  private closed = false;
  private waiters: (() => void)[] = [];

  constructor(readonly addr: string, private readonly opts: TcpOptions, private readonly hello: () => LogMsg) {
    ({ host: this.host, port: this.port } = parseAddr(addr));
  }

  send(msgs: readonly LogMsg[]): void {
    if (this.closed) return;
    for (const m of msgs) this.queue.push(packet(m));
    this.pump();
  }

  pending(): boolean {
    return this.queue.length + this.inflight.length > 0;
  }

  flush(): Promise<void> {
    if (!this.pending()) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      const check = () => {
        if (!this.waiters.includes(resolve)) return;
        if (this.connected) return arm();
        warnOnce("Tried to flush while TCP stream was still Pending. Data was possibly dropped.");
        this.waiters.splice(this.waiters.indexOf(resolve), 1);
        resolve();
      };
      const arm = () => void (setTimeout(check, this.opts.flushTimeoutSec * 1000) as { unref?: () => void }).unref?.();
      arm();
    });
  }

  async close(): Promise<void> {
    this.dropIfDisconnected();
    await this.flush();
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const s = this.socket;
    this.socket = null;
    s?.end();
  }

  closeSync(): void {
    this.closed = true;
    this.socket?.end();
  }

  dropIfDisconnected(): void {
    this.dropAt ??= Date.now() + this.opts.flushTimeoutSec * 1000;
    (this.retry as { ref?: () => void } | null)?.ref?.();
  }

  private pump(): void {
    if (this.connected) this.writeQueued();
    else if (!this.socket && !this.retry && this.queue.length > 0) this.connect();
  }

  private connect(): void {
    const s = net.connect({ host: this.host, port: this.port });
    this.socket = s;
    // Counted in 100 ms ticks of a free event loop: a connection made while logging kept the loop busy is no timeout.
    let ticks = 0;
    const timer = setInterval(() => ++ticks * 100 >= CONNECT_TIMEOUT_MS && s.destroy(new Error("connection timed out")), 100);
    s.once("connect", () => {
      clearInterval(timer);
      if (s !== this.socket) return;
      s.setNoDelay(true);
      this.connected = true;
      this.backoff.reset();
      s.write(HANDSHAKE);
      if (this.everConnected) this.queue.unshift(packet(this.hello()));
      this.everConnected = true;
      this.writeQueued();
    });
    s.on("error", (e) => this.lost(s, e.message, timer));
    s.on("close", () => this.lost(s, "connection closed", timer));
  }

  private writeQueued(): void {
    const s = this.socket!;
    if (this.queue.length === 0) return;
    s.ref();
    s.cork();
    for (const p of this.queue) {
      this.inflight.push(p);
      s.write(p.head);
      s.write(p.body, (err) => {
        if (err || s !== this.socket) return;
        this.inflight.shift();
        if (!this.pending()) this.idle();
      });
    }
    this.queue = [];
    s.uncork();
  }

  /** Everything has left: let the process exit and wake flushers. */
  private idle(): void {
    this.socket?.unref();
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }

  private lost(s: net.Socket, error: string, timer: ReturnType<typeof setInterval>): void {
    clearInterval(timer);
    if (s !== this.socket) return;
    s.destroy();
    this.socket = null;
    const wasConnected = this.connected;
    this.connected = false;
    this.queue = [...this.inflight, ...this.queue];
    this.inflight = [];
    if (this.closed || this.queue.length === 0) return this.idle();
    if (this.dropAt !== null && Date.now() > this.dropAt) {
      warnOnce("Dropping messages because tcp client has timed out.");
      this.queue = [];
      return this.idle();
    }
    const wait = this.backoff.fail(`Failed to ${wasConnected ? "send to" : "connect to"} Rerun server at ${this.addr}: ${error}`);
    this.retry = setTimeout(() => {
      this.retry = null;
      this.pump();
    }, wait);
    if (this.dropAt === null) (this.retry as { unref?: () => void }).unref?.();
  }
}
