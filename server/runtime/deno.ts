/** The runtime adapter for Deno (running from source): `Deno.serve` with hono's Deno WebSocket helper. */
import { getConnInfo, upgradeWebSocket } from "hono/deno";
import type { WSContext } from "hono/ws";
import { bindOrThrow, DRAIN_POLL_MS, peerText, type Runtime, type Socket } from "./types.ts";

/** The part of Deno's API we use (the project type-checks against Bun's types). */
interface DenoApi {
  serve(
    opts: { hostname: string; port: number; onListen?: () => void },
    handler: (req: Request, info: unknown) => Response | Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void> };
}

const Deno = (globalThis as unknown as { Deno: DenoApi }).Deno;

function socket(ws: WSContext): Socket {
  const raw = ws.raw as WebSocket;
  return {
    send(data) {
      if (raw.readyState === WebSocket.OPEN) raw.send(data as Uint8Array<ArrayBuffer>);
    },
    buffered: () => raw.bufferedAmount,
    onDrain: (fn) => void setTimeout(fn, DRAIN_POLL_MS),
    close: (code, reason) => raw.close(code, reason),
  };
}

/** The Deno adapter. */
export const deno: Runtime = {
  name: "deno",
  upgradeWebSocket,
  socket,
  peer: (c) => peerText(getConnInfo(c).remote),
  async listen(app, hostname, port) {
    const server = bindOrThrow(port, () => Deno.serve({ hostname, port, onListen: () => {} }, (req, info) => app.fetch(req, info)));
    return { port: server.addr.port, stop: () => server.shutdown() };
  },
};
