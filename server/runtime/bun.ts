/** The runtime adapter for Bun (the compiled `rerun`): `Bun.serve` with hono's Bun WebSocket helper. */
import type { ServerWebSocket, WebSocketHandler } from "bun";
import { getConnInfo, upgradeWebSocket, websocket } from "hono/bun";
import type { WSContext } from "hono/ws";
import { BindError, DRAIN_POLL_MS, peerText, type Runtime, type Socket } from "./types.ts";

type Raw = ServerWebSocket<any>;

/** Drain callbacks waiting per socket (Bun calls `drain` once its send buffer empties). */
const drains = new WeakMap<Raw, () => void>();

const handler: WebSocketHandler<any> = {
  ...(websocket as WebSocketHandler<any>),
  drain(ws: Raw) {
    const fn = drains.get(ws);
    drains.delete(ws);
    fn?.();
  },
  /** Our own queues keep each socket's buffer small; Bun must never drop a message by itself. */
  backpressureLimit: 2 ** 31 - 1,
  closeOnBackpressureLimit: false,
};

function socket(ws: WSContext): Socket {
  const raw = ws.raw as Raw;
  return {
    send: (data) => void raw.send(data),
    buffered: () => raw.getBufferedAmount(),
    onDrain(fn) {
      let done = false;
      const once = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        drains.delete(raw);
        fn();
      };
      const timer = setTimeout(once, DRAIN_POLL_MS * 8);
      drains.set(raw, once);
    },
    close: (code, reason) => raw.close(code, reason),
  };
}

/** The Bun adapter. */
export const bun: Runtime = {
  name: "bun",
  upgradeWebSocket,
  socket,
  peer(c) {
    const { address, port } = getConnInfo(c).remote;
    return peerText(address, port);
  },
  async listen(app, hostname, port) {
    let server: ReturnType<typeof Bun.serve>;
    try {
      server = Bun.serve({ hostname, port, fetch: app.fetch, websocket: handler, idleTimeout: 0 });
    } catch (e) {
      const err = e as { code?: string; message: string };
      throw new BindError(port, err.code === "EADDRINUSE", err.message);
    }
    return { port: server.port!, stop: () => server.stop(true) };
  },
};
