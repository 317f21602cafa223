/** The events of `/api/live` and their coalescing: at most one of each kind per recording (and timeline). */

/** One event of `/api/live` (docs/API.md); i64 times are decimal strings. */
export type LiveEvent =
  | { type: "recordings" }
  | { type: "entities"; recording: string }
  | { type: "time"; recording: string; timeline: string; min: string; max: string }
  | { type: "data"; recording: string }
  | { type: "removed"; recording: string };

interface TimeRange {
  recording: string;
  timeline: string;
  min: bigint;
  max: bigint;
}

/** Events not yet sent to one client; its size is bounded by the number of recordings and timelines. */
export class Pending {
  recordings = false;
  readonly entities = new Set<string>();
  readonly data = new Set<string>();
  readonly removed = new Set<string>();
  /** `recording \0 timeline` → the newest range. */
  readonly time = new Map<string, TimeRange>();

  get empty(): boolean {
    return !this.recordings && this.entities.size === 0 && this.data.size === 0 && this.removed.size === 0 && this.time.size === 0;
  }

  /** Notes a timeline's new range. */
  setTime(recording: string, timeline: string, min: bigint, max: bigint): void {
    this.time.set(`${recording}\0${timeline}`, { recording, timeline, min, max });
  }

  /** Notes that a recording is gone: its other events are dropped. */
  remove(recording: string): void {
    this.recordings = true;
    this.removed.add(recording);
    this.entities.delete(recording);
    this.data.delete(recording);
    for (const [key, t] of this.time) if (t.recording === recording) this.time.delete(key);
  }

  /** Adds the events of `o` (newer) to these. */
  merge(o: Pending): void {
    this.recordings ||= o.recordings;
    for (const r of o.removed) this.remove(r);
    for (const r of o.entities) this.entities.add(r);
    for (const r of o.data) this.data.add(r);
    for (const [key, t] of o.time) this.time.set(key, t);
  }

  /** The events, in a fixed order (recordings, removed, entities, time, data), and clears them. */
  take(): LiveEvent[] {
    const out: LiveEvent[] = [];
    if (this.recordings) out.push({ type: "recordings" });
    for (const recording of this.removed) out.push({ type: "removed", recording });
    for (const recording of this.entities) out.push({ type: "entities", recording });
    for (const t of this.time.values()) out.push({ type: "time", recording: t.recording, timeline: t.timeline, min: String(t.min), max: String(t.max) });
    for (const recording of this.data) out.push({ type: "data", recording });
    this.recordings = false;
    this.removed.clear();
    this.entities.clear();
    this.data.clear();
    this.time.clear();
    return out;
  }
}
