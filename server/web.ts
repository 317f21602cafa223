/**
 * The web part of `--serve-web` / `--web-viewer`: the one-port HTTP server of our viewer (assets,
 * query API, live WebSocket, the official viewer at `/rerun/`) and the 0.22 relay on its own port.
 */
import type { Hub } from "../store/db/hub.ts";
import { reachableHosts } from "./addresses.ts";
import { createApp } from "./http/app.ts";
import { loadAssets } from "./http/assets.ts";
import { LiveFeed } from "./http/live.ts";
import { type LogFn, logOnce } from "./log.ts";
import { Relay } from "./relay/relay.ts";
import { startRelayServer } from "./relay/server.ts";
import { runtime } from "./runtime/index.ts";
import { BindError, type Listener } from "./runtime/types.ts";

export interface WebOptions {
  bind: string;
  /** HTTP port (`--web-viewer-port`), 0 = any free port. */
  webViewerPort: number;
  /** Relay port (`--ws-server-port`), 0 = any free port. */
  wsServerPort: number;
  /** `--server-memory-limit` in bytes, for the log line when the store first drops data. */
  serverMemoryLimit: number;
}

export interface Web {
  readonly httpPort: number;
  readonly wsPort: number;
  /** Our viewer's URL on this machine. */
  readonly url: string;
  /** Closes every client and both servers. */
  close(): Promise<void>;
}

/** Starts both servers and prints every URL a user can open; a busy port throws one line naming its flag. */
export async function startWeb(hub: Hub, opts: WebOptions, log: LogFn): Promise<Web> {
  const rt = await runtime();
  const relay = new Relay(hub, log);
  const relayServer = await startRelayServer(rt, relay, opts.bind, opts.wsServerPort, log);
  const live = new LiveFeed(hub);
  const app = await createApp({ hub, rt, assets: await loadAssets(), live, wsPort: relayServer.port, relayClients: () => relay.size, log });
  let http: Listener;
  try {
    http = await rt.listen(app, opts.bind, opts.webViewerPort);
  } catch (e) {
    live.close();
    await relayServer.stop();
    const port = opts.webViewerPort;
    if (e instanceof BindError && e.inUse) throw new Error(`Failed to bind to web viewer port ${port} since the address is already in use. Use --web-viewer-port 0 to let the OS choose a free port.`);
    throw new Error(`Failed to bind to web viewer port ${port}: ${(e as Error).message}`);
  }
  const once = logOnce(log);
  const stopGcLog = hub.on("chunk-removed", ({ reason }) => {
    if (reason === "gc") once("info", `Memory limit (${opts.serverMemoryLimit} B) exceeded. Dropping old log messages from the server. Clients connecting after this will not see the full history.`);
  });
  const hosts = reachableHosts(opts.bind);
  const url = `http://${hosts[0]}:${http.port}/`;
  log("info", `rerun: web viewer on ${url} (viewer, query API and live updates on this one port)`);
  for (const h of hosts.slice(1)) log("info", `       from another machine: http://${h}:${http.port}/`);
  log("info", `rerun: Rerun 0.22 web viewer on ${url}rerun/ (reads the WebSocket relay on port ${relayServer.port})`);
  return {
    httpPort: http.port,
    wsPort: relayServer.port,
    url,
    async close() {
      stopGcLog();
      live.close();
      await relayServer.stop();
      await http.stop();
    },
  };
}
