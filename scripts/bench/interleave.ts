/** Async counterpart of measure.ts's `rates`: ways that each measure their own figure, run interleaved. */
import { RUNS } from "./measure.ts";

/** How many runs: `runs` kept after `warmup` dropped. */
export interface InterleaveOptions {
  runs?: number;
  warmup?: number;
}

/**
 * Runs every way once per round (a, b, a, b, …, a full GC before each) so that all see the same load;
 * returns each way's figures from the rounds after the warm-up.
 */
export async function interleaved(ways: (() => Promise<number>)[], { runs = RUNS, warmup = 1 }: InterleaveOptions = {}): Promise<number[][]> {
  const out = ways.map((): number[] => []);
  for (let i = 0; i < warmup + runs; i++) {
    for (let w = 0; w < ways.length; w++) {
      Bun.gc(true);
      const v = await ways[w]!();
      if (i >= warmup) out[w]!.push(v);
    }
  }
  return out;
}
