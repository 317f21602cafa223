/**
 * One SDK client connection as a state machine over a byte stream (spec §1.2–1.5): handshake, then
 * u32-LE-length-prefixed packets, each a self-contained RRD stream. Knows nothing about sockets.
 */
import { u32le } from "../../store/dataview.ts";
import { RrdDecoder } from "../../store/decoder.ts";
import { type LogMsg, msgBytes } from "../../store/logmsg.ts";
import type { PeekedHead } from "../../store/envelope.ts";
import { PEEK_BYTES, peekPacket } from "../../store/peek.ts";
import type { LogFn } from "../log.ts";
import { ByteQueue, joinBuffer } from "./bytes.ts";
import type { Congestion } from "./congestion.ts";
import { Transit } from "./transit.ts";
import { isRerunHeader, OLD_CLIENT_WARNING, PROTOCOL_HEADER, PROTOCOL_VERSION_0, UNKNOWN_CLIENT, versionMismatch } from "./handshake.ts";

/** Who sent a batch of messages. */
export interface ClientInfo {
  /** 1, 2, … in order of acceptance, per server. */
  readonly id: number;
  /** The peer as `ip:port` (`[ip]:port` for IPv6), or `(unknown ip)`. */
  readonly addr: string;
}

export interface ConnectionContext {
  client: ClientInfo;
  /** Log "New SDK client connected" at DEBUG instead of INFO. */
  quiet: boolean;
  /** Packets declaring more bytes than this close the connection. */
  maxPacketBytes: number;
  log: LogFn;
  /** Logs each distinct text once per server. */
  logOnce: LogFn;
  /** Null when there is no latency limit. */
  congestion: Congestion | null;
  /** Age in seconds of the oldest message waiting in the consumer's ingest queue (part of the latency). */
  queueLatencySec: () => number;
  /** `more`: the read that completed them filled the runtime's read buffer, so more bytes are likely waiting. */
  onMessages: (msgs: LogMsg[], client: ClientInfo, more: boolean) => void;
  /** Bytes that congestion control dropped (a whole packet, or the messages thinned out of one). */
  onDropped: (bytes: number) => void;
  /** Called exactly once: null for a goodbye (EOF), else the error text. The caller closes the socket. */
  onClose: (error: string | null) => void;
  /**
   * Where the runtime allows it: reads up to `max` bytes waiting on the socket into `into` at `at` without
   * blocking, and only bytes that come after every byte pushed so far; 0 when there are none. A large
   * packet then fills its own buffer, without the runtime's read buffers and the join of them.
   */
  readInto?: (into: Uint8Array, at: number, max: number) => number;
}

/** Packets at least this large are read straight into their buffer when the context can (`readInto`)… */
const DIRECT_MIN = 256 << 10;
/** …once a quarter of them (1 / DIRECT_RESERVE) is in: a length prefix alone reserves nothing. */
const DIRECT_RESERVE = 4;
/** Bytes read straight from the socket per read event at most. */
const DIRECT_SLICE = 8 << 20;

/** Reads smaller than this never count as filling the runtime's read buffer. */
const FULL_READ_MIN = 64 << 10;

type State = "version" | "header" | "length" | "packet" | "closed";

/** Feed it bytes with `push`, then `end` (EOF) or `fail` (socket error); it reports through its context. */
export class Connection {
  private state: State = "version";
  private version = 0;
  private packetLen = 0;
  private readonly buf = new ByteQueue();
  private readonly transit = new Transit();
  /** With a latency limit: when the current packet began arriving (`Transit.now()`). */
  private packetAt = 0;
  /** The largest read so far, and whether the last read was that large (the runtime's buffer was full). */
  private largestRead = 0;
  private more = false;
  /** The current packet's envelope once read (`undefined`: not read yet). */
  private peeked: PeekedHead | null | undefined = undefined;
  /** The large packet being read straight into its buffer (`filled` bytes in), or null. */
  private direct: Uint8Array | null = null;
  private filled = 0;

  constructor(private readonly ctx: ConnectionContext) {}

  /** Feeds received bytes (split anywhere); handles every packet they complete. */
  push(bytes: Uint8Array): void {
    if (this.state === "closed") return;
    this.more = bytes.length >= FULL_READ_MIN && bytes.length >= this.largestRead;
    if (bytes.length > this.largestRead) this.largestRead = bytes.length;
    if (this.direct !== null) {
      const k = Math.min(bytes.length, this.direct.length - this.filled);
      this.direct.set(bytes.subarray(0, k), this.filled);
      this.filled += k;
      if (!this.fillDirect()) return;
      this.complete(this.takeDirect());
      if ((this.state as State) === "closed") return;
      bytes = bytes.subarray(k);
    }
    this.buf.push(bytes);
    while (this.step());
  }

  /** The client closed its side: a clean goodbye wherever we are; a partial packet is discarded. */
  end(): void {
    this.close(null);
  }

  /** A socket error: closes this connection with a warning. */
  fail(error: string): void {
    this.closeWithWarning(error);
  }

  /** Advances by one handshake part or packet; false when more bytes are needed. */
  private step(): boolean {
    const { buf, ctx } = this;
    switch (this.state) {
      case "version": {
        if (buf.size < 2) return false;
        const b = buf.take(2);
        this.version = b[0]! | (b[1]! << 8);
        if (this.version === PROTOCOL_VERSION_0) ctx.log("warn", OLD_CLIENT_WARNING);
        this.state = this.version === PROTOCOL_VERSION_0 ? "length" : "header";
        return true;
      }
      case "header": {
        if (buf.size < PROTOCOL_HEADER.length) return false;
        if (!isRerunHeader(buf.take(PROTOCOL_HEADER.length))) {
          ctx.log("debug", `Rejected incoming connection from unknown client at ${ctx.client.addr}: ${UNKNOWN_CLIENT}`);
          this.close(UNKNOWN_CLIENT);
          return false;
        }
        ctx.log(ctx.quiet ? "debug" : "info", `New SDK client connected from: ${ctx.client.addr}`);
        const mismatch = versionMismatch(this.version);
        if (mismatch) return this.closeWithWarning(mismatch);
        this.state = "length";
        return true;
      }
      case "length": {
        if (buf.size < 4) return false;
        const len = u32le(buf.take(4), 0);
        if (len > ctx.maxPacketBytes) {
          return this.closeWithWarning(`Packet of ${len} bytes is larger than the maximum packet size of ${ctx.maxPacketBytes} bytes`);
        }
        this.packetLen = len;
        this.peeked = undefined;
        if (ctx.congestion) this.packetAt = this.transit.now();
        this.state = "packet";
        return true;
      }
      case "packet": {
        if (buf.size >= this.packetLen) return this.complete(null);
        if (!ctx.readInto || !this.more || this.packetLen < DIRECT_MIN || buf.size * DIRECT_RESERVE < this.packetLen) return false;
        // The rest is read straight into the packet's buffer: first what is buffered, then the socket.
        try {
          this.direct = joinBuffer(this.packetLen, this.lead());
        } catch (e) {
          return this.closeWithWarning(`Cannot hold a packet of ${this.packetLen} bytes: ${(e as Error).message}`);
        }
        this.filled = buf.moveInto(this.direct);
        return this.fillDirect() && this.complete(this.takeDirect());
      }
      case "closed":
        return false;
    }
  }

  /** Ends the current packet, whole in `packet` or waiting in the queue: dropped, thinned or handled, as its fate says. */
  private complete(packet: Uint8Array | null): true {
    const { buf, ctx } = this;
    this.state = "length";
    ctx.log("trace", `Received packet of size ${this.packetLen}.`);
    const fate = this.fate();
    if (fate === "dropped") {
      if (packet === null) buf.skip(this.packetLen);
      ctx.onDropped(this.packetLen);
    } else this.handlePacket(packet ?? buf.take(this.packetLen, this.lead()), fate === "per message");
    return true;
  }

  /**
   * Reads what the socket has into the packet being read straight into its buffer; true once it is whole.
   * Only after a read that filled the runtime's buffer (`more`): bytes are then likely waiting, where a paced
   * sender's would not be (a read that finds none costs an exception). At most DIRECT_SLICE bytes per call:
   * the rest comes with the next read event, so that other clients and timers get their turn.
   */
  private fillDirect(): boolean {
    const out = this.direct!, stop = Math.min(out.length, this.filled + DIRECT_SLICE);
    while (this.more && this.filled < stop) {
      const n = this.ctx.readInto!(out, this.filled, stop - this.filled);
      if (n <= 0) return false;
      this.filled += n;
    }
    return this.filled === out.length;
  }

  /** The packet read straight into its buffer, now whole. */
  private takeDirect(): Uint8Array {
    const packet = this.direct!;
    this.direct = null;
    return packet;
  }

  /**
   * With a latency limit: updates the accept rate for the packet waiting in the queue, from how long
   * its chunk waited to reach us (when its envelope can be read) plus the ingest queue's age, and
   * decides from its envelope when it can whether it is kept whole or dropped without being copied or
   * decoded (its framing is checked up to the IPC bytes); else message by message.
   */
  private fate(): "kept" | "dropped" | "per message" {
    const { ctx } = this;
    const c = ctx.congestion;
    if (!c) return "kept";
    const head = this.head();
    const waited = head ? this.transit.waited(head.chunkId.timeNs, this.packetAt) : 0;
    c.update(waited + ctx.queueLatencySec());
    if (c.acceptRate === 1) return "kept";
    if (!head) return "per message";
    if (c.keep(head)) return "kept";
    this.warnDropping();
    return "dropped";
  }

  /**
   * For a packet that must be joined from several reads: how far into the copy to place it so that its
   * IPC bytes start 8-aligned and are decoded in place (else the decoder moves them, a second copy).
   */
  private lead(): number {
    if (this.buf.whole(this.packetLen)) return 0;
    const head = this.head();
    return head ? -head.ipcStart & 7 : 0;
  }

  /** The envelope of the packet waiting whole in the queue (see `peekPacket`), read once. */
  private head(): PeekedHead | null {
    if (this.peeked === undefined) this.peeked = peekPacket(this.buf.peek(Math.min(PEEK_BYTES, this.packetLen)), this.packetLen);
    return this.peeked;
  }

  private warnDropping(): void {
    this.ctx.logOnce("warn", `Input latency is over the max (${this.ctx.congestion!.maxLatencySec} s) - dropping packets.`);
  }

  /** Decodes a whole packet, thins it message by message if asked, forwards what is kept. */
  private handlePacket(packet: Uint8Array, thin: boolean): void {
    const { ctx } = this;
    let msgs: LogMsg[];
    try {
      msgs = decodePacket(packet, (text) => ctx.logOnce("warn", text));
    } catch (e) {
      this.closeWithWarning((e as Error).message);
      return;
    }
    const kept = thin ? msgs.filter((m) => ctx.congestion!.keep(m)) : msgs;
    if (kept.length < msgs.length) {
      this.warnDropping();
      let bytes = 0;
      for (const m of msgs) bytes += msgBytes(m);
      for (const m of kept) bytes -= msgBytes(m);
      ctx.onDropped(bytes);
    }
    if (kept.length === 0) return;
    try {
      ctx.onMessages(kept, ctx.client, this.more);
    } catch (e) {
      this.closeWithWarning(`The receiving end failed: ${(e as Error).message}`);
    }
  }

  private closeWithWarning(error: string): false {
    if (this.state !== "closed") this.ctx.logOnce("warn", `Closing connection to client at ${this.ctx.client.addr}: ${error}`);
    this.close(error);
    return false;
  }

  private close(error: string | null): void {
    if (this.state === "closed") return;
    this.state = "closed";
    this.buf.clear();
    this.direct = null;
    this.ctx.onClose(error);
  }
}

/**
 * Decodes one packet (a whole RRD stream), handing its buffer over to the decoder: large messages are
 * decoded in place and the store keeps views into it. That is sound because a packet is either a fresh
 * buffer (`ByteQueue.take` joining reads, or a packet read straight from the socket) or a view into the
 * runtime's read buffer, which Bun, Node and Deno allocate anew for every read and never touch again
 * (tests/tcp/adopt.test.ts checks it); nothing here writes to a packet once taken.
 */
function decodePacket(packet: Uint8Array, onWarning: (text: string) => void): LogMsg[] {
  const out: LogMsg[] = [];
  const d = new RrdDecoder({ onMessage: (m) => out.push(m), onWarning, adopt: true });
  d.push(packet);
  d.finish();
  return out;
}
