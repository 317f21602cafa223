/**
 * Range queries sized to what a view can show. When the view's entities have at most `maxRows`
 * rows on the timeline, the whole timeline is fetched once (and filtered locally as the cursor
 * moves); otherwise the window around the cursor that holds about `maxRows` rows (estimated from
 * the per-entity row counts). One request at a time, newest wins.
 */
import { fetchRange } from "../../api/client.ts";
import type { Chunk } from "../../../store/chunk.ts";
import { catalog, currentTimeline } from "../../state/derived.ts";
import { get } from "../../state/store.ts";
import { type QueryWatch, watchQuery } from "./query-loop.ts";

/** What a windowed view wants. `anchor`: the cursor ends the window (logs) or sits in its middle (tables). */
export interface WindowQuery {
  entity: string;
  paths: readonly string[];
  components: readonly string[] | null;
  maxRows: number;
  anchor: "end" | "center";
}

/** The time window [from, to] to fetch for the query at the current cursor. */
function windowFor(q: WindowQuery): { from: bigint; to: bigint } | null {
  const tl = currentTimeline();
  if (!tl) return null;
  let rows = 0;
  for (const p of q.paths) rows += catalog().byPath.get(p)?.info.timelines[tl.name]?.rows ?? 0;
  const span = tl.max - tl.min;
  if (rows <= q.maxRows || span <= 0n) return { from: tl.min, to: tl.max };
  const part = (span * BigInt(q.maxRows)) / BigInt(rows), t = get().time;
  const to = q.anchor === "end" ? t : t + part / 2n;
  return { from: to - part, to };
}

/** Calls `onChunks` with the rows of the query's window whenever it changes; returns stop/refresh. */
export function watchWindow(query: () => WindowQuery, onChunks: (chunks: Chunk[]) => void): QueryWatch {
  return watchQuery<Chunk[]>({
    on: ["recordingId", "timeline", "time", "dataVersion", "entities", "recordings"],
    want() {
      const s = get(), q = query(), tl = currentTimeline(), w = windowFor(q);
      if (!s.recordingId || !tl || !w) return null;
      const recordingId = s.recordingId;
      const key = [recordingId, tl.name, w.from, w.to, s.dataVersion, q.entity, q.components?.join(",")].join("|");
      return { key, fetch: () => fetchRange(recordingId, tl.name, w.from, w.to, { entity: q.entity, components: q.components ?? undefined }) };
    },
    show: onChunks,
    onError: (e) => console.warn(`range query failed: ${e.message}`),
  });
}
