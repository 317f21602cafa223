/** Values derived from the store, memoized on the inputs they come from. */
import type { RecordingInfo, TimelineInfo } from "../api/types.ts";
import { Catalog } from "../data/catalog.ts";
import { get } from "./store.ts";

let memo: { entities: unknown; catalog: Catalog } | null = null;

/** The catalog of the current recording's entities. */
export function catalog(): Catalog {
  const entities = get().entities;
  if (memo?.entities !== entities) memo = { entities, catalog: new Catalog(entities) };
  return memo.catalog;
}

/** The current recording's info. */
export function currentRecording(): RecordingInfo | null {
  const s = get();
  return s.recordings.find((r) => r.id === s.recordingId) ?? null;
}

/** The current timeline's info. */
export function currentTimeline(): TimelineInfo | null {
  const s = get();
  return currentRecording()?.timelines.find((t) => t.name === s.timeline) ?? null;
}

/** The timeline and time to query at: the cursor, or (a recording with only static data) any name at the end of time. */
export function queryPoint(): { timeline: string; time: bigint } {
  const s = get();
  return s.timeline ? { timeline: s.timeline, time: s.time } : { timeline: "log_time", time: 2n ** 63n - 1n };
}

/** Rerun's default: the first user timeline, else log_time, else log_tick. */
export function defaultTimeline(timelines: readonly TimelineInfo[]): TimelineInfo | null {
  const builtin = ["log_time", "log_tick"];
  const user = timelines.filter((t) => !builtin.includes(t.name)).sort((a, b) => a.name.localeCompare(b.name));
  return user[0] ?? timelines.find((t) => t.name === "log_time") ?? timelines[0] ?? null;
}
