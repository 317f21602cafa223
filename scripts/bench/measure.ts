/** Timing for the benchmark suite: a warm-up, then at least 5 timed runs, reported as median with min–max. */

/** Median and range of a set of runs. */
export interface Stat {
  median: number;
  min: number;
  max: number;
}

/** How many timed runs a figure takes (the issue asks for at least 5). */
export const RUNS = 5;

/** How runs are made: `runs` timed after `warmup` untimed, `before` called untimed ahead of each. */
export interface RunOptions {
  runs?: number;
  warmup?: number;
  before?: () => void;
}

/** Seconds taken by each timed call of `once`; a full GC precedes each call. */
export function timeRuns(once: () => void, { runs = RUNS, warmup = 1, before }: RunOptions = {}): number[] {
  const out: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    before?.();
    Bun.gc(true);
    const t = performance.now();
    once();
    const s = (performance.now() - t) / 1000;
    if (i >= warmup) out.push(s);
  }
  return out;
}

/** Median, min and max of `values`. */
export function stat(values: number[]): Stat {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return { median: v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2, min: v[0]!, max: v[v.length - 1]! };
}

/** Throughput of `once`, which handles `units` units per call: units per second (÷ `scale`). */
export function rate(units: number, once: () => void, scale = 1, opts: RunOptions = {}): Stat {
  return rates(units, [once], scale, opts)[0]!;
}

/**
 * Throughputs of several ways (ours, anchors) of handling the same `units`, their runs interleaved
 * (a, b, a, b, …) so that both see the same noise on a shared machine.
 */
export function rates(units: number, ways: (() => void)[], scale = 1, opts: RunOptions = {}): Stat[] {
  const secs: number[][] = ways.map(() => []);
  const { runs = RUNS, warmup = 1, before } = opts;
  for (let i = 0; i < warmup + runs; i++) {
    ways.forEach((once, w) => {
      const [s] = timeRuns(once, { runs: 1, warmup: 0, before });
      if (i >= warmup) secs[w]!.push(s!);
    });
  }
  return secs.map((v) => stat(v.map((s) => units / s / scale)));
}

/** The same figure repeated: for exact quantities such as output sizes. */
export function exact(v: number): Stat {
  return { median: v, min: v, max: v };
}
