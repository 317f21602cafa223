/**
 * Keeps the store in step with the server: the recording list, the current recording's entities,
 * timelines and data times, and the live events (new data appears without a reload; follow mode
 * keeps the newest time in view).
 */
import { fetchEntities, fetchRange, fetchRecordings } from "../api/client.ts";
import { connectLive } from "../api/live.ts";
import type { LiveEvent, RecordingInfo } from "../api/types.ts";
import { Catalog } from "../data/catalog.ts";
import { indicatorArchetype } from "../data/names.ts";
import { spawnViews } from "../views/registry.ts";
import { currentTimeline, defaultTimeline } from "./derived.ts";
import { get, set } from "./store.ts";

/** Runs `p` in the background; a failure is shown in the top bar instead of escaping as an unhandled rejection. */
export function background(p: Promise<unknown>): void {
  p.catch((e: Error) => set({ error: e.message }));
}

/** Above this many rows on a timeline the exact data times are not fetched (density is estimated). */
const MAX_TIME_ROWS = 20_000;

/** Loads the recording list; picks `preferred` (or keeps the current one, or the newest). */
export async function loadRecordings(preferred: string | null = null): Promise<void> {
  const recordings = (await fetchRecordings()).filter((r) => r.kind === "Recording");
  set({ recordings, error: null });
  const s = get();
  const current = recordings.find((r) => r.id === s.recordingId);
  if (current) {
    if (!current.timelines.some((t) => t.name === s.timeline)) {
      const tl = defaultTimeline(current.timelines);
      if (tl) selectTimeline(tl.name);
    }
    return;
  }
  const pick = recordings.find((r) => r.id === preferred) ?? newest(recordings);
  if (pick) await selectRecording(pick.id);
  else set({ recordingId: null, entities: [], views: [], timeline: null });
}

function newest(list: RecordingInfo[]): RecordingInfo | undefined {
  return [...list].sort((a, b) => (BigInt(b.started || "0") > BigInt(a.started || "0") ? 1 : -1))[0];
}

/** Switches to recording `id`: its entities, default timeline, the end of time, heuristic views. */
export async function selectRecording(id: string): Promise<void> {
  const rec = get().recordings.find((r) => r.id === id);
  const tl = rec ? defaultTimeline(rec.timelines) : null;
  set({ recordingId: id, timeline: tl?.name ?? null, time: tl?.max ?? 0n, follow: true, playing: false, selection: null, hover: null, hidden: new Set(), extraViews: [], maximized: null, timeView: null, dataTimes: null, entities: [] });
  const url = new URL(location.href);
  url.searchParams.set("recording", id);
  history.replaceState(null, "", url);
  await loadEntities();
}

/** Switches the timeline, keeping the cursor at its end. */
export function selectTimeline(name: string): void {
  const tl = get().recordings.find((r) => r.id === get().recordingId)?.timelines.find((t) => t.name === name);
  if (!tl) return;
  set({ timeline: name, time: tl.max, timeView: null, dataTimes: null });
  background(loadDataTimes());
}

/** Reloads the current recording's entities and re-runs the view heuristics. */
async function loadEntities(): Promise<void> {
  const id = get().recordingId;
  if (!id) return;
  const entities = await fetchEntities(id);
  if (get().recordingId !== id) return;
  set({ entities, views: spawnViews(new Catalog(entities)) });
  await loadDataTimes();
}

/** Fetches the distinct data times of every entity when that is cheap (for density and stepping). */
async function loadDataTimes(): Promise<void> {
  const s = get(), tl = currentTimeline();
  if (!s.recordingId || !tl) return;
  const rows = s.entities.reduce((n, e) => n + (e.timelines[tl.name]?.rows ?? 0), 0);
  if (rows > MAX_TIME_ROWS) return set({ dataTimes: null });
  const components = new Set<string>();
  for (const e of s.entities) {
    // Indicators are tiny (null lists) and mark every archetype row; entities without any: their first component.
    const comps = e.components.map((c) => c.component), indicators = comps.filter((c) => indicatorArchetype(c));
    for (const c of indicators.length ? indicators : comps.slice(0, 1)) components.add(c);
  }
  if (components.size === 0) return;
  const chunks = await fetchRange(s.recordingId, tl.name, tl.min, tl.max, { components: [...components] });
  if (get().recordingId !== s.recordingId || get().timeline !== tl.name) return;
  const per = new Map<string, Set<bigint>>();
  for (const c of chunks) {
    const col = c.timelines.find((t) => t.name === tl.name);
    if (!col) continue;
    const set_ = per.get(c.entityPath) ?? per.set(c.entityPath, new Set()).get(c.entityPath)!;
    for (const v of col.values) set_.add(v);
  }
  const sorted = (xs: Iterable<bigint>) => BigInt64Array.from([...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  const byEntity = new Map([...per].map(([p, xs]) => [p, sorted(xs)]));
  set({ dataTimes: { timeline: tl.name, byEntity, all: sorted(new Set([...per.values()].flatMap((x) => [...x]))) } });
}

let refetch: ReturnType<typeof setTimeout> | null = null;

/** Coalesces entity reloads (live data may announce new entities many times a second). */
function scheduleEntities(): void {
  refetch ??= setTimeout(() => {
    refetch = null;
    background(loadEntities());
  }, 200);
}

function onLive(e: LiveEvent): void {
  const s = get();
  switch (e.type) {
    case "recordings":
    case "removed":
      background(loadRecordings());
      break;
    case "entities":
      if (e.recording === s.recordingId) scheduleEntities();
      break;
    case "time": {
      const rec = s.recordings.find((r) => r.id === e.recording);
      if (!rec?.timelines.some((t) => t.name === e.timeline)) {
        background(loadRecordings());
        break;
      }
      set({ recordings: s.recordings.map((r) => (r !== rec ? r : { ...r, timelines: r.timelines.map((t) => (t.name === e.timeline ? { ...t, min: e.min, max: e.max } : t)) })) });
      if (e.recording === s.recordingId && e.timeline === s.timeline && s.follow && !s.playing) set({ time: e.max });
      break;
    }
    case "data":
      if (e.recording === s.recordingId) {
        set({ dataVersion: s.dataVersion + 1 });
        scheduleEntities();
      }
      break;
  }
}

/** Connects the live WebSocket to the store. */
export function startLive(): () => void {
  return connectLive(onLive, (live) => {
    set({ live });
  });
}
