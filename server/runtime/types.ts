/** What the web servers need from the JavaScript runtime they run on (Bun compiled, or Deno from source). */
import type { Context, Hono } from "hono";
import type { UpgradeWebSocket, WSContext } from "hono/ws";

/** A listening HTTP server. */
export interface Listener {
  /** The port actually listened on (the OS's choice for port 0). */
  readonly port: number;
  /** Stops accepting and closes every open connection. */
  stop(): Promise<void>;
}

/** A server-side WebSocket, with what back-pressure needs. */
export interface Socket {
  /** Queues one message (binary for bytes, text for a string), copying it: the caller may reuse `data` at once; never throws. */
  send(data: Uint8Array | string): void;
  /** Bytes accepted by `send` but not yet handed to the network. */
  buffered(): number;
  /** Calls `fn` once, soon after `buffered()` may have dropped (a drain event, or a short timer). */
  onDrain(fn: () => void): void;
  close(code?: number, reason?: string): void;
}

/** The runtime adapter: serving a Hono app, upgrading to WebSockets, and reading peers. */
export interface Runtime {
  readonly name: "bun" | "deno";
  readonly upgradeWebSocket: UpgradeWebSocket;
  /** Our view of a socket hono handed to an `onOpen` handler. */
  socket(ws: WSContext): Socket;
  /** `ip:port` of the client of a request. */
  peer(c: Context): string;
  /** Serves `app` on hostname:port; throws `BindError` if it cannot. */
  listen(app: Hono, hostname: string, port: number): Promise<Listener>;
}

/** A port that could not be listened on; `inUse` when another process holds it. */
export class BindError extends Error {
  override name = "BindError";
  constructor(readonly port: number, readonly inUse: boolean, message: string) {
    super(message);
  }
}

/** How long a socket waits for a drain event before checking again by itself. */
export const DRAIN_POLL_MS = 4;

/** Runs a runtime's `serve` call for `port`, turning its failure into a `BindError`. */
export function bindOrThrow<T>(port: number, serve: () => T): T {
  try {
    return serve();
  } catch (e) {
    const err = e as { code?: string; message: string };
    throw new BindError(port, err.code === "EADDRINUSE", err.message);
  }
}

/** `ip:port` (`[ip]:port` for IPv6) of a peer, as Rust prints a `SocketAddr`. */
export function peerText({ address, port }: { address?: string; port?: number }): string {
  return address?.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}
