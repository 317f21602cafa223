/** The JSON and binary query routes of docs/API.md, each delegating to the module of its concern. */
import type { Hono } from "hono";
import type { Hub } from "../../store/db/hub.ts";
import { HttpError } from "./errors.ts";
import { framedChunks } from "./frames.ts";
import { latestChunks } from "./latest.ts";
import { componentsParam, entityParam, I64_MAX, I64_MIN, intParam, required, timeParam } from "./params.ts";
import { rrdResponse } from "./rrd.ts";
import { type Selection, selectChunks } from "./select.ts";
import { seriesOf } from "./series.ts";
import { storeOf, timelineOf } from "./stores.ts";
import { entitySummaries, recordingSummary } from "./summary.ts";
import type { Context } from "hono";

/** Most buckets a series answer may be asked for. */
const MAX_BUCKETS = 100_000;

/** Registers the `/api/recordings…` routes. */
export function apiRoutes(app: Hono, hub: Hub): void {
  app.get("/api/recordings", (c) => c.json(hub.stores().map(recordingSummary)));

  app.get("/api/recordings/:id/entities", (c) => c.json({ entities: entitySummaries(storeOf(hub, c.req.param("id"))) }));

  app.get("/api/recordings/:id/latest-at", (c) => {
    const db = storeOf(hub, c.req.param("id"));
    const timeline = required(c, "timeline");
    return framedChunks(latestChunks(db, timeline, timeParam(c, "time"), entityParam(c), componentsParam(c)));
  });

  app.get("/api/recordings/:id/range", (c) => {
    const db = storeOf(hub, c.req.param("id"));
    const timeline = required(c, "timeline");
    timelineOf(db, timeline);
    return framedChunks(selectChunks(db, selection(c, timeline, I64_MIN, I64_MAX)));
  });

  app.get("/api/recordings/:id/series", (c) => {
    const db = storeOf(hub, c.req.param("id"));
    const timeline = required(c, "timeline");
    const extent = timelineOf(db, timeline);
    const { from, to, prefix, components } = selection(c, timeline, extent.min, extent.max);
    const buckets = intParam(c, "buckets", 1, MAX_BUCKETS, 1000);
    return c.json({ series: seriesOf(db, { timeline, from, to, buckets, prefix, components }) });
  });

  app.get("/api/recordings/:id/rrd", (c) => {
    const db = storeOf(hub, c.req.param("id"));
    const timeline = c.req.query("timeline") || null;
    if (timeline !== null) timelineOf(db, timeline);
    else if (c.req.query("from") || c.req.query("to")) throw new HttpError(400, "'from' and 'to' need a 'timeline'");
    return rrdResponse(db, selection(c, timeline, I64_MIN, I64_MAX));
  });
}

/** The `from`, `to`, `entity` and `components` parameters (from ≤ to). */
function selection(c: Context, timeline: string | null, min: bigint, max: bigint): Selection {
  const from = timeParam(c, "from", min), to = timeParam(c, "to", max);
  if (from > to) throw new HttpError(400, `'from' (${from}) is after 'to' (${to})`);
  return { timeline, from, to, prefix: entityParam(c), components: componentsParam(c) };
}
