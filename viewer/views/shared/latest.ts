/**
 * Keeps a view's latest-at data current: re-queries the server when the time cursor, timeline,
 * recording or data change, asking only for the view's subtree and components. One request in
 * flight at a time; when it returns, the newest wanted state is fetched (no starvation while playing).
 * Recent answers are cached so scrubbing back and forth is instant.
 */
import { fetchLatestAt } from "../../api/client.ts";
import { type EntityRow, rowOf } from "../../data/cells.ts";
import { chunkHeapSize } from "../../../store/transport.ts";
import { queryPoint } from "../../state/derived.ts";
import { get } from "../../state/store.ts";
import { type QueryWatch, watchQuery } from "./query-loop.ts";

/** What a view wants: its subtree and (optionally) only some components. */
export interface LatestQuery {
  entity: string;
  components: readonly string[] | null;
}

type Rows = Map<string, EntityRow>;
/** Bytes of cached answers kept for scrubbing. */
const CACHE_BYTES = 64 << 20;
const cache = new Map<string, { rows: Rows; bytes: number }>();
let cachedBytes = 0;

/** Calls `onRows` with the latest rows of `query()` whenever they may have changed; returns a stop function. */
export function watchLatest(query: () => LatestQuery | null, onRows: (rows: Rows) => void, onError: (e: Error) => void = reportError): QueryWatch {
  const keyOf = () => {
    const s = get(), q = query();
    const at = queryPoint();
    return q && [s.recordingId, at.timeline, at.time, s.dataVersion, q.entity, q.components?.join(",") ?? "*"].join("|");
  };
  return watchQuery<Rows>({
    on: ["recordingId", "timeline", "time", "dataVersion"],
    want() {
      const s = get(), q = query(), key = keyOf();
      if (!s.recordingId || !q || !key) return null;
      const recordingId = s.recordingId;
      return {
        key,
        async fetch() {
          const at = queryPoint();
          const chunks = await fetchLatestAt(recordingId, at.timeline, at.time, { entity: q.entity, components: q.components ?? undefined });
          const rows: Rows = new Map(chunks.map((c) => [c.entityPath, rowOf(c)]));
          remember(key, rows, chunks.reduce((n, c) => n + chunkHeapSize(c), 0));
          return rows;
        },
      };
    },
    cached: (key) => cache.get(key)?.rows,
    current: (key) => keyOf() === key,
    show: onRows,
    onError: (e, stopped) => {
      if (!stopped) onError(e);
    },
  });
}

function remember(key: string, rows: Rows, bytes: number): void {
  cache.set(key, { rows, bytes });
  cachedBytes += bytes;
  for (const [k, v] of cache) {
    if (cachedBytes <= CACHE_BYTES || k === key) break;
    cache.delete(k);
    cachedBytes -= v.bytes;
  }
}

function reportError(e: Error): void {
  console.warn(`latest-at query failed: ${e.message}`);
}
