/**
 * `/api/live`: store changes pushed to our viewer as JSON frames (each an array of events), at most
 * one frame per 16 ms per client. A client whose socket still buffers gets nothing new until it
 * drained; meanwhile its events coalesce (see pending.ts), so its memory stays bounded.
 */
import type { Chunk } from "../../store/chunk.ts";
import type { Hub } from "../../store/db/hub.ts";
import { ChunkRow } from "../../store/transport.ts";
import type { Socket } from "../runtime/types.ts";
import { Pending } from "./pending.ts";

export interface LiveOptions {
  /** Shortest time between two frames to one client. */
  intervalMs: number;
  /** A client buffering more than this is skipped until it drained. */
  maxBufferedBytes: number;
}

/** One frame per 16 ms at most; a client buffering over 64 KiB waits. */
export const DEFAULT_LIVE: LiveOptions = { intervalMs: 16, maxBufferedBytes: 64 << 10 };

/** What a recording is known to hold, to tell new entities and wider time ranges. */
interface Known {
  /** Entity paths, and `path \0 component` for their components. */
  entities: Set<string>;
  time: Map<string, { min: bigint; max: bigint }>;
}

/** The store's changes, fanned out to every `/api/live` client. */
export class LiveFeed {
  private readonly clients = new Map<Socket, Pending>();
  private fresh = new Pending();
  private readonly known = new Map<string, Known>();
  private readonly unsubscribe: (() => void)[];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastTick = 0;

  constructor(hub: Hub, private readonly opts: LiveOptions = DEFAULT_LIVE) {
    const changed = () => {
      if (this.clients.size === 0) return;
      this.fresh.recordings = true;
      this.schedule();
    };
    this.unsubscribe = [
      hub.on("store-added", changed),
      hub.on("store-info", changed),
      hub.on("store-removed", ({ db }) => {
        this.known.delete(db.id.id);
        if (this.clients.size === 0) return;
        this.fresh.remove(db.id.id);
        this.schedule();
      }),
      // Not destructured: reading `chunk` makes a queued row's chunk.
      hub.on("chunk-added", (ev) => this.added(ev.db.id.id, ev.row ?? ev.chunk)),
      hub.on("chunk-removed", ({ db }) => {
        if (this.clients.size === 0) return;
        this.fresh.data.add(db.id.id);
        this.schedule();
      }),
    ];
  }

  /** A new client: its first frame tells it to read the recordings. */
  connect(socket: Socket): void {
    const p = new Pending();
    p.recordings = true;
    this.clients.set(socket, p);
    this.schedule();
  }

  /** A client went away. */
  disconnect(socket: Socket): void {
    this.clients.delete(socket);
  }

  /** Stops listening to the store and closes every client. */
  close(): void {
    for (const u of this.unsubscribe) u();
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.clients.keys()) s.close(1001, "server shutting down");
    this.clients.clear();
  }

  /** Notes what a chunk (or a queued row, read without making its chunk) adds; events are only gathered while someone listens (a new client reads the state first). */
  private added(recording: string, chunk: Chunk | ChunkRow): void {
    let k = this.known.get(recording);
    if (!k) this.known.set(recording, (k = { entities: new Set(), time: new Map() }));
    const f = this.clients.size > 0 ? this.fresh : null;
    const path = chunk.entityPath;
    if (!k.entities.has(path)) (k.entities.add(path), f?.entities.add(recording));
    for (const c of chunk instanceof ChunkRow ? chunk.shape.comps : chunk.components) {
      const key = `${path}\0${c.descriptor.component}`;
      if (!k.entities.has(key)) (k.entities.add(key), f?.entities.add(recording));
    }
    if (chunk instanceof ChunkRow) {
      const times = chunk.shape.times;
      for (let i = 0; i < times.length; i++) {
        const v = chunk.time(i);
        this.extend(k, f, recording, times[i]!.name, v, v);
      }
    } else {
      for (const t of chunk.timelines) this.extend(k, f, recording, t.name, ...extent(t.values, t.sorted));
    }
    if (!f) return;
    f.data.add(recording);
    this.schedule();
  }

  /** Widens the known range of `timeline` to [min, max]; a change goes to the pending update `f`, if any. */
  private extend(k: Known, f: Pending | null, recording: string, timeline: string, min: bigint, max: bigint): void {
    const cur = k.time.get(timeline);
    if (cur && cur.min <= min && cur.max >= max) return;
    const next = cur ? { min: cur.min < min ? cur.min : min, max: cur.max > max ? cur.max : max } : { min, max };
    k.time.set(timeline, next);
    f?.setTime(recording, timeline, next.min, next.max);
  }

  private schedule(): void {
    if (this.timer || this.clients.size === 0) return;
    const wait = Math.max(0, Math.ceil(this.lastTick + this.opts.intervalMs - performance.now()));
    this.timer = setTimeout(() => this.tick(), wait);
  }

  private tick(): void {
    this.timer = null;
    const now = performance.now();
    if (now - this.lastTick < this.opts.intervalMs) return this.schedule(); // timers may fire a little early
    const fresh = this.fresh;
    this.fresh = new Pending();
    let held = false;
    for (const [socket, p] of this.clients) {
      p.merge(fresh);
      if (p.empty) continue;
      if (socket.buffered() > this.opts.maxBufferedBytes) held = true;
      else socket.send(JSON.stringify(p.take()));
    }
    // Counted from the last send, so that a pause while encoding (a collection) cannot bring two frames closer.
    this.lastTick = performance.now();
    if (held) this.schedule();
  }
}

/** The smallest and largest value of a time column. */
function extent(v: BigInt64Array, sorted: boolean): [bigint, bigint] {
  if (sorted) return [v[0]!, v[v.length - 1]!];
  let min = v[0]!, max = v[0]!;
  for (const x of v) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return [min, max];
}
