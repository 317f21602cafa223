/**
 * How long a packet has been on its way, read off its chunk id: a chunk id's time is the SDK's wall
 * clock when it made the chunk (spec §3.4.6), so now minus that is the time the data waited in the
 * SDK's queue, in the kernel and here, plus the offset between the two machines' clocks. The smallest
 * such delay of the last minutes stands for that offset and the fastest trip (LEDBAT's "base delay");
 * what exceeds it is waiting. Pure: the wall clock is injectable.
 */

/** Minima are kept per bucket of this many seconds… */
const BUCKET_SEC = 30;
/** …for this many buckets (5 minutes). */
const BUCKETS = 10;

/** The base delay of one connection and the waiting of each new chunk beyond it. */
export class Transit {
  private readonly minima: { bucket: number; delay: number }[] = [];

  /** `wallSec`: seconds since the Unix epoch (default: the system clock, sub-millisecond). */
  constructor(private readonly wallSec = () => (performance.timeOrigin + performance.now()) / 1000) {}

  /** Seconds a chunk made at `timeNs` (ns since the epoch, on the SDK's clock) waited on its way. */
  waited(timeNs: bigint): number {
    const now = this.wallSec();
    const delay = now - Number(timeNs) / 1e9;
    const bucket = Math.floor(now / BUCKET_SEC);
    const last = this.minima.at(-1);
    if (last?.bucket === bucket) last.delay = Math.min(last.delay, delay);
    else this.minima.push({ bucket, delay });
    while (this.minima[0]!.bucket <= bucket - BUCKETS) this.minima.shift();
    let base = delay;
    for (const m of this.minima) base = Math.min(base, m.delay);
    return delay - base;
  }
}
