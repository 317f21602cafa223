/**
 * The TCP SDK server (spec §1): what `rerun` listens with on port 9876. Uses only `node:net`, so it
 * runs under Bun, Deno and Node. The server never writes to a client.
 */
import { readFileSync, readSync } from "node:fs";
import net from "node:net";
import type { LogMsg } from "../../store/logmsg.ts";
import { type LogFn, logOnce } from "../log.ts";
import { Congestion } from "./congestion.ts";
import { type ClientInfo, Connection } from "./connection.ts";

export type { ClientInfo } from "./connection.ts";

export const DEFAULT_SDK_PORT = 9876;
/** Default cap on one packet: larger length prefixes close the client before anything is buffered. */
export const DEFAULT_MAX_PACKET_BYTES = 1 << 30;

export interface SdkServerOptions {
  /** IP to listen on (default "0.0.0.0"). */
  bind?: string;
  /** Port (default 9876; 0 picks a free one, see `SdkServer.port`). */
  port?: number;
  /** Largest accepted packet in bytes (default 1 GiB). A client declaring more is closed. */
  maxPacketBytes?: number;
  /** `--drop-at-latency` in seconds: above it, messages are thinned (spec §1.6). Default: no limit. */
  maxLatencySec?: number;
  /** Log the startup and new-client lines at DEBUG instead of INFO. */
  quiet?: boolean;
  log: LogFn;
  /** Every decoded packet's messages (after congestion thinning), in order, per client. Never empty. `more`: more bytes are likely waiting on the socket. */
  onMessages: (msgs: LogMsg[], client: ClientInfo, more: boolean) => void;
  /** Exactly once per accepted client: null for a goodbye (EOF, or `close()`), else the error text. */
  onClientClosed?: (client: ClientInfo, error: string | null) => void;
  /** Age in seconds of the oldest message waiting in the ingest queue; read once per packet (default 0). */
  queueLatencySec?: () => number;
  /** Bytes of each packet or message that congestion control dropped: garbage now, never delivered. */
  onDropped?: (bytes: number) => void;
}

export interface SdkServer {
  /** The port actually listened on. */
  readonly port: number;
  /** Stops (true) or resumes (false) reading from every client: back-pressure from a full ingest queue. */
  setPaused(paused: boolean): void;
  /**
   * Stops accepting and resolves once every connection is closed. With `drainMs`, clients first get
   * that long to deliver what they already sent (reading stops after 100 ms without data).
   */
  close(drainMs?: number): Promise<void>;
}

/**
 * Non-blocking reads straight from an accepted socket's descriptor, which Bun exposes (on Linux, where it is
 * non-blocking and polled level-triggered): the kernel then copies a large packet's bytes once, into the
 * packet's own buffer, where the runtime would copy them into a read buffer of at most 512 KiB and we would
 * join those. Only while the stream holds nothing unread and is not paused, so the bytes come in order and
 * back-pressure holds, and while the socket still owns that descriptor. "Nothing waiting" reads as 0; any
 * other error (a reset) is raised on the socket, as the runtime's own read would. Undefined elsewhere, and
 * for a descriptor the kernel does not report as non-blocking (a read would then wait for the client).
 */
export function directReader(socket: net.Socket): ((into: Uint8Array, at: number, max: number) => number) | undefined {
  const handle = () => (socket as unknown as { _handle?: { fd?: unknown } | null })._handle;
  const fd = handle()?.fd;
  if (!("Bun" in globalThis) || process.platform !== "linux" || typeof fd !== "number" || fd < 0 || !nonBlocking(fd)) return undefined;
  return (into, at, max) => {
    if (socket.readableLength > 0 || socket.isPaused() || socket.destroyed || handle()?.fd !== fd) return 0;
    try {
      return readSync(fd, into, at, max, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EAGAIN" && code !== "EWOULDBLOCK" && code !== "EINTR") {
        process.nextTick(() => socket.destroy(Object.assign(new Error(`read ${code}`), { code })));
      }
      return 0;
    }
  };
}

/** Linux's O_NONBLOCK in the octal `flags:` line of /proc/self/fdinfo/<fd>. */
const O_NONBLOCK = 0o4000;

/** Whether this process's descriptor `fd` is non-blocking, as /proc reports it (false when it cannot tell). */
export function nonBlocking(fd: number): boolean {
  try {
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "latin1"))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & O_NONBLOCK) !== 0;
  } catch {
    return false;
  }
}

/** Listens for SDK clients; rejects with Rerun's "Failed to bind TCP address …" error if it cannot. */
export async function startSdkServer(opts: SdkServerOptions): Promise<SdkServer> {
  const bind = opts.bind ?? "0.0.0.0";
  const requested = opts.port ?? DEFAULT_SDK_PORT;
  const once = logOnce(opts.log);
  const sockets = new Set<net.Socket>();
  let nextId = 0;
  let paused = false;
  const server = net.createServer((socket) => {
    if (paused) socket.pause();
    const client: ClientInfo = { id: ++nextId, addr: peerAddr(socket) };
    sockets.add(socket);
    const maxLatencySec = opts.maxLatencySec ?? Infinity;
    const conn = new Connection({
      client,
      quiet: !!opts.quiet,
      maxPacketBytes: opts.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES,
      log: opts.log,
      logOnce: once,
      congestion: Number.isFinite(maxLatencySec) ? new Congestion({ maxLatencySec, log: opts.log }) : null,
      queueLatencySec: opts.queueLatencySec ?? (() => 0),
      onMessages: opts.onMessages,
      onDropped: opts.onDropped ?? (() => {}),
      onClose: (error) => {
        socket.destroy();
        opts.onClientClosed?.(client, error);
      },
      readInto: directReader(socket),
    });
    socket.on("data", (bytes: Uint8Array) => conn.push(bytes));
    socket.on("end", () => conn.end());
    socket.on("error", (e) => conn.fail(e.message));
    socket.on("close", () => {
      sockets.delete(socket);
      conn.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) => reject(new Error(`Failed to bind TCP address "${bind}:${requested}". Another Rerun instance is probably running. ${e.message}`)));
    server.listen(requested, bind, () => {
      server.removeAllListeners("error");
      resolve();
    });
  });
  server.on("error", (e) => opts.log("warn", `Failed to accept incoming SDK client: ${e.message}`));
  const port = (server.address() as net.AddressInfo).port;
  opts.log(opts.quiet ? "debug" : "info", `Hosting a SDK server over TCP at ${bind}:${port}. Connect with the Rerun logging SDK.`);
  return {
    port,
    setPaused: (p) => {
      if (p === paused) return;
      paused = p;
      for (const s of sockets) p ? s.pause() : s.resume();
    },
    close: async (drainMs = 0) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (drainMs > 0) await Promise.all([...sockets].map((s) => drain(s, drainMs)));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

/** Reads a socket until it is quiet for 100 ms, it ends, or `maxMs` passes. */
function drain(socket: net.Socket, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(quiet);
      clearTimeout(limit);
      socket.off("data", bump);
      socket.off("close", done);
      resolve();
    };
    let quiet = setTimeout(done, 100);
    const limit = setTimeout(done, maxMs);
    const bump = () => {
      clearTimeout(quiet);
      quiet = setTimeout(done, 100);
    };
    socket.on("data", bump);
    socket.once("close", done);
    socket.resume();
  });
}

/** Rust's `SocketAddr` display of the peer: `ip:port`, `[ip]:port` for IPv6, `(unknown ip)` if unknown. */
function peerAddr(socket: net.Socket): string {
  const ip = socket.remoteAddress;
  if (ip === undefined) return "(unknown ip)";
  return `${ip.includes(":") ? `[${ip}]` : ip}:${socket.remotePort}`;
}
