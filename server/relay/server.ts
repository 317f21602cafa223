/** The relay's own port (`--ws-server-port`, default 9877): any path upgrades to the 0.22 relay WebSocket. */
import { Hono } from "hono";
import type { LogFn } from "../log.ts";
import { BindError, type Listener, type Runtime } from "../runtime/types.ts";
import type { RelayClient } from "./client.ts";
import type { Relay } from "./relay.ts";

/** The relay's listener and the URL it prints. */
export interface RelayServer extends Listener {
  readonly url: string;
}

/** Listens for relay viewers on bind:port; a busy port throws an Error naming the flag that changes it. */
export async function startRelayServer(rt: Runtime, relay: Relay, bind: string, port: number, log: LogFn): Promise<RelayServer> {
  const app = new Hono();
  app.get(
    "*",
    rt.upgradeWebSocket((c) => {
      const peer = rt.peer(c);
      let client: RelayClient | null = null;
      return {
        onOpen: (_, ws) => void (client = relay.connect(peer, rt.socket(ws))),
        onClose: () => client && relay.disconnect(client),
      };
    }),
  );
  app.all("*", (c) => c.json({ error: "this port only serves the Rerun 0.22 WebSocket relay (ws://)" }, 426));
  let listener: Listener;
  try {
    listener = await rt.listen(app, bind, port);
  } catch (e) {
    if (e instanceof BindError && e.inUse) {
      throw new Error(`Failed to bind to WebSocket port ${port} since the address is already in use. Use --ws-server-port 0 to let the OS choose a free port.`);
    }
    throw new Error(`Failed to bind to WebSocket port ${port}: ${(e as Error).message}`);
  }
  const host = bind === "0.0.0.0" || bind === "::" ? "localhost" : bind.includes(":") ? `[${bind}]` : bind;
  const url = `ws://${host}:${listener.port}`;
  log("info", `Hosting a WebSocket server on ${url}. You can connect to this with a native viewer (\`rerun ${url}\`) or the web viewer (with \`?url=${url}\`).`);
  return {
    url,
    port: listener.port,
    async stop() {
      relay.close();
      await listener.stop();
      log("info", `Shutting down Rerun server on ${url} after serving ${relay.served} client(s)`);
    },
  };
}
