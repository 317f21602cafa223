/**
 * How long a packet's data waited before reaching us, read off its chunk id: a chunk id's time is the
 * SDK's wall clock when it made the chunk (spec §3.4.6), so arrival minus that is the time the data
 * waited in the SDK's queue, in the kernel and here, plus the offset between the two machines' clocks.
 * The smallest such delay of the last minutes stands for that offset and the fastest trip (LEDBAT's
 * "base delay"); what exceeds it is waiting. A queue keeps its order, so a chunk made before the newest
 * one seen lately was not queued behind it (a recording sent again, an id from another clock): it says
 * nothing, and counts as no waiting. Pure: the wall clock is injectable.
 */

/** Minima and maxima are kept per bucket of this many seconds… */
const BUCKET_SEC = 30;
/** …for this many buckets (5 minutes). */
const BUCKETS = 10;

interface Bucket {
  at: number;
  /** The smallest delay, in seconds. */
  delay: number;
  /** The newest chunk time, in seconds since the epoch. */
  newest: number;
}

/** The base delay of one connection and the waiting of each new chunk beyond it. */
export class Transit {
  private readonly buckets: Bucket[] = [];

  /** `wallSec`: seconds since the Unix epoch (default: the system clock, sub-millisecond). */
  constructor(private readonly wallSec = () => (performance.timeOrigin + performance.now()) / 1000) {}

  /** Seconds since the Unix epoch on our clock. */
  now(): number {
    return this.wallSec();
  }

  /** Seconds a chunk made at `timeNs` (ns since the epoch, SDK clock) waited before its packet began arriving at `arrivedSec` (`now()`). */
  waited(timeNs: bigint, arrivedSec = this.now()): number {
    const made = Number(timeNs) / 1e9, delay = arrivedSec - made;
    const at = Math.floor(arrivedSec / BUCKET_SEC);
    while (this.buckets.length > 0 && this.buckets[0]!.at <= at - BUCKETS) this.buckets.shift();
    let base = delay, newest = made;
    for (const b of this.buckets) {
      base = Math.min(base, b.delay);
      newest = Math.max(newest, b.newest);
    }
    if (made < newest) return 0;
    const last = this.buckets.at(-1);
    if (last?.at === at) {
      last.delay = Math.min(last.delay, delay);
      last.newest = made;
    } else this.buckets.push({ at, delay, newest: made });
    return delay - base;
  }
}
