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
import { get, subscribe } from "../../state/store.ts";

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
export function watchLatest(query: () => LatestQuery | null, onRows: (rows: Rows) => void, onError: (e: Error) => void = reportError): { stop(): void; refresh(): void } {
  let inFlight = false, again = false, stopped = false, shownKey = "";
  const keyOf = () => {
    const s = get(), q = query();
    const at = queryPoint();
    return q && [s.recordingId, at.timeline, at.time, s.dataVersion, q.entity, q.components?.join(",") ?? "*"].join("|");
  };
  const run = async () => {
    if (stopped) return;
    if (inFlight) return void (again = true);
    const s = get(), q = query(), key = keyOf();
    if (!s.recordingId || !q || !key) return;
    if (key === shownKey) return;
    const hit = cache.get(key);
    if (hit) {
      shownKey = key;
      return onRows(hit.rows);
    }
    inFlight = true;
    try {
      const at = queryPoint();
      const chunks = await fetchLatestAt(s.recordingId, at.timeline, at.time, { entity: q.entity, components: q.components ?? undefined });
      const rows: Rows = new Map(chunks.map((c) => [c.entityPath, rowOf(c)]));
      remember(key, rows, chunks.reduce((n, c) => n + chunkHeapSize(c), 0));
      if (!stopped && keyOf() === key) {
        shownKey = key;
        onRows(rows);
      } else again = true;
    } catch (e) {
      if (!stopped) onError(e as Error);
    } finally {
      inFlight = false;
      if (again && !stopped) {
        again = false;
        void run();
      }
    }
  };
  const unsub = subscribe(["recordingId", "timeline", "time", "dataVersion"], () => void run());
  void run();
  return {
    stop() {
      stopped = true;
      unsub();
    },
    refresh() {
      shownKey = "";
      void run();
    },
  };
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
