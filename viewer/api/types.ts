/** The JSON shapes of docs/API.md, with i64 time values already parsed into bigints. */

export type TimeType = "Sequence" | "Time";

/** One timeline of a recording and its extent. */
export interface TimelineInfo {
  name: string;
  type: TimeType;
  min: bigint;
  max: bigint;
}

/** One entry of `GET /api/recordings`. */
export interface RecordingInfo {
  id: string;
  kind: "Recording" | "Blueprint";
  applicationId: string;
  source: string;
  started: string;
  version: string;
  sizeBytes: number;
  rows: number;
  entityCount: number;
  timelines: TimelineInfo[];
}

/** One component column of an entity. */
export interface ComponentInfo {
  component: string;
  archetype: string | null;
  archetypeField: string | null;
  type: string;
}

/** One entity of `GET /api/recordings/{id}/entities`. */
export interface EntityInfo {
  path: string;
  rows: number;
  staticRows: number;
  components: ComponentInfo[];
  timelines: Record<string, { min: bigint; max: bigint; rows: number }>;
}

/** One downsampled series: buckets of [time, min, max, last]. */
export interface Series {
  entity: string;
  component: string;
  points: { t: bigint; min: number; max: number; last: number }[];
}

/** An event of the `/api/live` WebSocket. */
export type LiveEvent =
  | { type: "recordings" }
  | { type: "entities"; recording: string }
  | { type: "time"; recording: string; timeline: string; min: bigint; max: bigint }
  | { type: "data"; recording: string }
  | { type: "removed"; recording: string };
