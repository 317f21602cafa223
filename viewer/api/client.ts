/** The viewer's only network access: our own server's HTTP API (docs/API.md), relative to the page. */
import type { Chunk } from "../../store/chunk.ts";
import { parseFrames } from "./frames.ts";
import type { EntityInfo, RecordingInfo, Series, TimelineInfo } from "./types.ts";

/** Restricts a chunk query to an entity subtree and/or some components. */
export interface ChunkFilter {
  entity?: string;
  components?: readonly string[];
}

type Json = Record<string, unknown>;

/** The absolute URL of an API path, resolved against the page's own location. */
function apiUrl(path: string, params: Record<string, string | undefined> = {}): string {
  const url = new URL(path, location.href);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

const recPath = (id: string, what: string) => `api/recordings/${encodeURIComponent(id)}/${what}`;

async function getJson(url: string, signal?: AbortSignal): Promise<Json | Json[]> {
  const res = await fetch(url, { signal });
  const body = (await res.json()) as Json | Json[];
  if (!res.ok) throw new Error(`${url}: ${(body as Json).error ?? res.status}`);
  return body;
}

async function getChunks(url: string, signal?: AbortSignal): Promise<Chunk[]> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return parseFrames(await res.arrayBuffer());
}

function filterParams(f: ChunkFilter): Record<string, string | undefined> {
  return { entity: f.entity === "/" ? undefined : f.entity, components: f.components?.join(",") };
}

function timeline(t: Json): TimelineInfo {
  return { name: String(t.name), type: t.type === "Time" ? "Time" : "Sequence", min: BigInt(t.min as string), max: BigInt(t.max as string) };
}

/** Every recording and blueprint the server holds. */
export async function fetchRecordings(signal?: AbortSignal): Promise<RecordingInfo[]> {
  const list = (await getJson(apiUrl("api/recordings"), signal)) as Json[];
  return list.map((r) => ({ ...(r as unknown as RecordingInfo), timelines: ((r.timelines as Json[]) ?? []).map(timeline) }));
}

/** Every entity of a recording, sorted by path. */
export async function fetchEntities(id: string, signal?: AbortSignal): Promise<EntityInfo[]> {
  const body = (await getJson(apiUrl(recPath(id, "entities")), signal)) as Json;
  return (body.entities as Json[]).map((e) => ({
    ...(e as unknown as EntityInfo),
    timelines: Object.fromEntries(Object.entries((e.timelines as Record<string, Json>) ?? {}).map(([k, t]) => [
      k, { min: BigInt(t.min as string), max: BigInt(t.max as string), rows: Number(t.rows) },
    ])),
  }));
}

/** One 1-row chunk per entity with data at `time` on `timelineName`. */
export function fetchLatestAt(id: string, timelineName: string, time: bigint, f: ChunkFilter, signal?: AbortSignal): Promise<Chunk[]> {
  return getChunks(apiUrl(recPath(id, "latest-at"), { timeline: timelineName, time: String(time), ...filterParams(f) }), signal);
}

/** The rows with a time in [from, to] (plus static rows) of the filtered entities. */
export function fetchRange(id: string, timelineName: string, from: bigint, to: bigint, f: ChunkFilter, signal?: AbortSignal): Promise<Chunk[]> {
  return getChunks(apiUrl(recPath(id, "range"), { timeline: timelineName, from: String(from), to: String(to), ...filterParams(f) }), signal);
}

/** Scalar series in [from, to], downsampled by the server to at most `buckets` buckets each. */
export async function fetchSeries(id: string, timelineName: string, from: bigint, to: bigint, buckets: number, entity?: string, signal?: AbortSignal): Promise<Series[]> {
  const url = apiUrl(recPath(id, "series"), { timeline: timelineName, from: String(from), to: String(to), buckets: String(buckets), entity: entity === "/" ? undefined : entity });
  const body = (await getJson(url, signal)) as Json;
  return (body.series as Json[]).map((s) => ({
    entity: String(s.entity),
    component: String(s.component),
    points: (s.points as [string, number, number, number][]).map(([t, min, max, last]) => ({ t: BigInt(t), min, max, last })),
  }));
}

/** The download URL of a recording as an .rrd file. */
export function rrdUrl(id: string): string {
  return apiUrl(recPath(id, "rrd"));
}
