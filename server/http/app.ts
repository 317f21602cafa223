/** The one-port web app: viewer assets, the query API, the live WebSocket, and the official viewer at `/rerun/`. */
import { Hono } from "hono";
import { cors } from "hono/cors";
import type { Hub } from "../../store/db/hub.ts";
import type { LogFn } from "../log.ts";
import type { Runtime, Socket } from "../runtime/types.ts";
import { apiRoutes } from "./api.ts";
import { type Assets, assetPath, assetResponse } from "./assets.ts";
import { errorJson, HttpError } from "./errors.ts";
import type { LiveFeed } from "./live.ts";
import { makeAsset } from "./pack.ts";
import { rerunPage } from "./pages.ts";

export interface AppContext {
  hub: Hub;
  rt: Runtime;
  assets: Assets;
  live: LiveFeed;
  /** The relay's port, for the official viewer's page. */
  wsPort: number;
  /** Viewers connected to the relay now. */
  relayClients: () => number;
  log: LogFn;
}

/** Builds the app (routes in order: health, live, API, official viewer, our viewer). */
export async function createApp(ctx: AppContext): Promise<Hono> {
  const { hub, rt, assets, live } = ctx;
  const started = performance.now();
  const rerun = await makeAsset("/rerun/index.html", "text/html; charset=utf-8", new TextEncoder().encode(rerunPage(ctx.wsPort)));
  const app = new Hono();

  app.use("/api/*", cors({ origin: "*", exposeHeaders: ["Content-Disposition", "ETag"] }));

  app.get("/healthz", (c) => {
    hub.settle(); // an exact byte count
    return c.json({
      ok: true,
      recordings: hub.stores().filter((db) => db.id.kind === "Recording").length,
      bytes: hub.bytes,
      assets: assets.source,
      relayClients: ctx.relayClients(),
      uptimeSec: Math.round((performance.now() - started) / 1000),
    });
  });

  app.get(
    "/api/live",
    rt.upgradeWebSocket(() => {
      let socket: Socket | null = null;
      return {
        onOpen: (_, ws) => live.connect((socket = rt.socket(ws))),
        onClose: () => socket && live.disconnect(socket),
      };
    }),
  );
  app.get("/api/live", (c) => errorJson(c, 426, "/api/live is a WebSocket: connect with ws://"));

  apiRoutes(app, hub);
  app.all("/api/*", (c) => errorJson(c, 404, `no API route ${c.req.method} ${c.req.path}`));

  app.get("/rerun", (c) => c.redirect("/rerun/"));
  app.get("/rerun/", (c) => assetResponse(c, rerun));
  app.get("/rerun/index.html", (c) => assetResponse(c, rerun));

  app.get("*", async (c) => {
    const path = assetPath(new URL(c.req.url).pathname);
    if (path === null) return errorJson(c, 400, "bad path");
    const asset = await assets.get(path);
    return asset ? assetResponse(c, asset) : errorJson(c, 404, `not found: ${path}`);
  });

  app.notFound((c) => errorJson(c, 404, `not found: ${c.req.method} ${c.req.path}`));
  app.onError((e, c) => {
    if (e instanceof HttpError) return errorJson(c, e.status, e.message);
    ctx.log("warn", `web request ${c.req.method} ${c.req.path} failed: ${e.message}`);
    return errorJson(c, 500, e.message);
  });
  return app;
}
