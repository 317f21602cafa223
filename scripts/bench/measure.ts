/** Timing for the benchmark suite: a warm-up, then at least 5 timed runs, reported as median with min–max. */

/** Median and range of a set of runs. */
export interface Stat {
  median: number;
  min: number;
  max: number;
}

/** How many timed runs a figure takes (the issue asks for at least 5). */
export const RUNS = 5;

/** Seconds taken by each of `runs` timed calls of `once`, after `warmup` untimed ones; a full GC precedes each call. */
export function timeRuns(once: () => void, runs = RUNS, warmup = 1): number[] {
  const out: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
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
export function rate(units: number, once: () => void, scale = 1, runs = RUNS): Stat {
  return stat(timeRuns(once, runs).map((s) => units / s / scale));
}

/** The same figure repeated: for exact quantities such as output sizes. */
export function exact(v: number): Stat {
  return { median: v, min: v, max: v };
}
