/** The runtime adapter for Bun (the compiled `rerun`): `Bun.serve` with hono's Bun WebSocket helper. */
import type { ServerWebSocket, WebSocketHandler } from "bun";
import { getConnInfo, upgradeWebSocket, websocket } from "hono/bun";
import type { WSContext } from "hono/ws";
import { bindOrThrow, DRAIN_POLL_MS, peerText, type Runtime, type Socket } from "./types.ts";

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
  peer: (c) => peerText(getConnInfo(c).remote),
  async listen(app, hostname, port) {
    const server = bindOrThrow(port, () => Bun.serve({ hostname, port, fetch: app.fetch, websocket: handler, idleTimeout: 0 }));
    return { port: server.port!, stop: () => server.stop(true) };
  },
};
