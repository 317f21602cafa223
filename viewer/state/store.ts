/**
 * The viewer's one state store: every piece of UI state lives here, panels and views read it and
 * subscribe to the keys they care about. Updates are synchronous; listeners run after each `set`.
 */
import type { LiveStatus } from "../api/live.ts";
import type { EntityInfo, RecordingInfo } from "../api/types.ts";

/** An entity, optionally one instance of it, as selected or hovered in a view. */
export interface Selection {
  path: string;
  instance: number | null;
  /** The view it was picked in, if any. */
  viewId: string | null;
}

/** A view in the viewport: which class draws it, where it is rooted, what it shows. */
export interface ViewSpec {
  id: string;
  kind: string;
  title: string;
  origin: string;
  /** Entity paths the view draws. */
  entities: string[];
}

export interface State {
  recordings: RecordingInfo[];
  recordingId: string | null;
  /** Every entity of the current recording (parents included), sorted by path. */
  entities: EntityInfo[];
  /** Bumped whenever the current recording received new data (live). */
  dataVersion: number;
  timeline: string | null;
  /** The time cursor on `timeline`. */
  time: bigint;
  playing: boolean;
  /** Playback speed multiplier. */
  speed: number;
  loop: boolean;
  /** Keep the cursor at the newest time as data arrives. */
  follow: boolean;
  /** Frames per second when playing a sequence timeline. */
  fps: number;
  /** Per entity, the distinct times with data on `timeline` (null when too many rows to fetch them). */
  dataTimes: { timeline: string; byEntity: Map<string, BigInt64Array>; all: BigInt64Array } | null;
  /** The visible part of the timeline in the time panel (null = everything). */
  timeView: { min: number; max: number } | null;
  selection: Selection | null;
  hover: Selection | null;
  /** Entity paths hidden by the user (their subtrees are hidden too). */
  hidden: Set<string>;
  views: ViewSpec[];
  /** Views the user added (e.g. dataframes), kept across heuristic re-runs. */
  extraViews: ViewSpec[];
  maximized: string | null;
  live: LiveStatus;
  error: string | null;
}

export type Key = keyof State;
type Listener = (changed: ReadonlySet<Key>) => void;

const initial: State = {
  recordings: [],
  recordingId: null,
  entities: [],
  dataVersion: 0,
  timeline: null,
  time: 0n,
  playing: false,
  speed: 1,
  loop: true,
  follow: true,
  fps: 30,
  dataTimes: null,
  timeView: null,
  selection: null,
  hover: null,
  hidden: new Set(),
  views: [],
  extraViews: [],
  maximized: null,
  live: "connecting",
  error: null,
};

let state: State = { ...initial };
const listeners = new Set<{ keys: ReadonlySet<Key> | null; fn: Listener }>();

/** The current state (treat as read-only; change it with `set`). */
export function get(): Readonly<State> {
  return state;
}

/** Applies `patch`, then calls the listeners of every key whose value changed. */
export function set(patch: Partial<State>): void {
  const changed = new Set<Key>();
  for (const k of Object.keys(patch) as Key[]) if (!Object.is(state[k], patch[k])) changed.add(k);
  if (changed.size === 0) return;
  state = { ...state, ...patch };
  for (const l of [...listeners]) if (!l.keys || [...changed].some((k) => l.keys!.has(k))) l.fn(changed);
}

/** Calls `fn` after every change of one of `keys` (all keys when empty); returns the unsubscribe function. */
export function subscribe(keys: readonly Key[], fn: Listener): () => void {
  const l = { keys: keys.length ? new Set(keys) : null, fn };
  listeners.add(l);
  return () => void listeners.delete(l);
}

/** True if `path` or one of its ancestors is hidden. */
export function isHidden(path: string): boolean {
  for (const h of state.hidden) if (path === h || path.startsWith(h === "/" ? "/" : `${h}/`)) return true;
  return false;
}
