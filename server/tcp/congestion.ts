/**
 * "Drop at latency" congestion control of one SDK connection (spec §1.6), exactly Rerun 0.22's law,
 * in f32 arithmetic. Pure: the clock and the random source are injectable.
 */
import { type ArrowHead, compareStr } from "../../store/envelope.ts";
import type { LogMsg, TimePoint, TimePointEntry } from "../../store/logmsg.ts";
import type { LogFn } from "../log.ts";

/** The accept rate never goes below this, so some data always gets through. */
export const MIN_ACCEPT_RATE = 0.01;
/** Decisions remembered per sequence timeline; the smallest time values are forgotten first. */
export const HISTORY = 1024;

const f32 = Math.fround;

export interface CongestionOptions {
  /** The latency above which messages get dropped, in seconds. */
  maxLatencySec: number;
  /** Seconds on a monotonic clock (default `performance.now() / 1000`). */
  now?: () => number;
  /** Uniform in [0, 1) (default `Math.random`). */
  random?: () => number;
  /** Receives the DEBUG "Currently dropping …" line, at most once per second. */
  log?: LogFn;
}

/** Error-diffusion thinning of one sequence timeline: every message of one time value shares a fate. */
class Thinning {
  chance = 0;
  /** Time values with a decision, ascending. */
  readonly times: bigint[] = [];
  readonly decisions = new Map<bigint, boolean>();

  decide(time: bigint, acceptRate: number): boolean {
    const known = this.decisions.get(time);
    if (known !== undefined) return known;
    const send = 0.5 < this.chance;
    this.chance = f32(send ? this.chance - 1 : this.chance + acceptRate);
    this.decisions.set(time, send);
    this.times.splice(insertionIndex(this.times, time), 0, time);
    while (this.times.length > HISTORY) this.decisions.delete(this.times.shift()!);
    return send;
  }
}

/** Index at which `t` keeps `sorted` ascending. */
function insertionIndex(sorted: bigint[], t: bigint): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Per-connection state: the accept rate and the per-timeline thinning histories. */
export class Congestion {
  /** Fraction of messages let through: 1 when keeping up. */
  acceptRate = 1;
  /** The configured limit, as given (for messages). */
  readonly maxLatencySec: number;
  private readonly max: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private lastTime: number;
  private lastLogTime: number;
  private readonly timelines = new Map<string, Thinning>();

  constructor(private readonly opts: CongestionOptions) {
    this.maxLatencySec = opts.maxLatencySec;
    this.max = f32(opts.maxLatencySec);
    this.now = opts.now ?? (() => performance.now() / 1000);
    this.random = opts.random ?? Math.random;
    this.lastTime = this.lastLogTime = this.now();
  }

  /** Adjusts the accept rate for the current queue latency (seconds); called once per packet. */
  update(latencySec: number): void {
    const t = this.now();
    const dt = f32(t - this.lastTime);
    this.lastTime = t;
    const cur = f32(latencySec);
    if (cur < this.max) {
      if (this.acceptRate === 1) return;
      const goodness = f32(f32(this.max - cur) / this.max);
      this.acceptRate = f32(this.acceptRate + f32(f32(goodness * dt) / 25));
    } else {
      const badness = Math.min(Math.max(f32(f32(cur - this.max) / this.max), 0.5), 2);
      this.acceptRate = f32(this.acceptRate - f32(f32(badness * dt) / 5));
    }
    this.acceptRate = Math.min(Math.max(this.acceptRate, f32(MIN_ACCEPT_RATE)), 1);
    if (t - this.lastLogTime > 1) {
      const p = f32(100 * f32(1 - this.acceptRate));
      this.opts.log?.("debug", `Currently dropping ${p.toFixed(2)}% of messages to keep latency low`);
      this.lastLogTime = t;
    }
  }

  /** Whether to forward `msg` at the current accept rate (store infos and blueprint activations always are). */
  keep(msg: LogMsg | ArrowHead): boolean {
    if (this.acceptRate === 1 || msg.kind !== "ArrowMsg") return true;
    const seq = firstSequence(msg.timepointMax);
    if (!seq) return this.random() < this.acceptRate;
    let thinning = this.timelines.get(seq.timeline.name);
    if (!thinning) this.timelines.set(seq.timeline.name, (thinning = new Thinning()));
    return thinning.decide(seq.value, this.acceptRate);
  }

  /** The time values with a remembered decision on a sequence timeline, ascending. */
  history(timeline: string): readonly bigint[] {
    return this.timelines.get(timeline)?.times ?? [];
  }
}

/** The first `Sequence` entry in Rerun's `TimePoint` order (name byte-wise), whatever order the wire had. */
function firstSequence(tp: TimePoint): TimePointEntry | null {
  let best: TimePointEntry | null = null;
  for (const e of tp) if (e.timeline.typ === "Sequence" && (!best || compareStr(e.timeline.name, best.timeline.name) < 0)) best = e;
  return best;
}
