/** Retained memory for the memory scenarios (B4, B5): stores filled from wire bytes, measured after a full GC. */
import { Hub } from "../../store/db/hub.ts";
import { RrdDecoder } from "../../store/decoder.ts";
import { RUNS, stat, type Stat } from "./measure.ts";

/**
 * JS heap bytes in use after a full GC, ArrayBuffer backing stores included. Bun (unlike Node) counts
 * those in `heapUsed` already (as JSC's extra memory) and reports the ArrayBuffers materialised so far in
 * `arrayBuffers` too: adding the two would count a decoded chunk's bytes twice.
 */
export function heapInUse(): number {
  Bun.gc(true);
  return process.memoryUsage().heapUsed;
}

/** A hub (the server's defaults) fed with every message of `buffers`, pushed one by one into one decoder. */
export function fillHub(buffers: Iterable<Uint8Array>, adopt: boolean): Hub {
  const hub = new Hub();
  const d = new RrdDecoder({ onMessage: (m) => void hub.add(m), adopt });
  for (const b of buffers) d.push(b);
  d.finish();
  return hub;
}

/** How runs are made: `runs` kept after `warmup`; a heap reading is retried up to `tries` times, 20 ms apart. */
export interface RetainedOptions {
  runs?: number;
  warmup?: number;
  tries?: number;
}

/** `runs` timed runs, after a warm-up unless it is a single sanity-check run (tiny size). */
export const runsOf = (runs: number): RetainedOptions => ({ runs, warmup: runs > 1 ? 1 : 0 });

/** `heapInUse` on a new turn of the event loop, a little later. */
async function reading(): Promise<number> {
  await Bun.sleep(20);
  return heapInUse();
}

/**
 * Bytes held by the hub `fill` returns once its inputs are dropped (the heap with it, less the heap once it
 * is dropped), and the hub's own count, over a warm-up and RUNS runs. JSC sometimes frees a dropped store
 * only some GCs (up to ~0.5 s) later, so readings are repeated: with the hub until two agree, and after
 * dropping it until at least 90 % of its counted bytes came back; if they never do within `tries`, the
 * reading taken before the fill is the baseline instead.
 */
export async function retainedRuns(fill: () => Hub, { runs = RUNS, warmup = 1, tries = 100 }: RetainedOptions = {}): Promise<{ retained: Stat; counted: Stat }> {
  const retained: number[] = [], counted: number[] = [];
  const kept: (Hub | null)[] = [null];
  for (let i = 0; i < warmup + runs; i++) {
    const before = await reading();
    kept[0] = fill();
    const bytes = kept[0].bytes;
    let last = Infinity, after = await reading();
    for (let t = 0; t < tries && after < 0.995 * last; t++) [last, after] = [after, Math.min(after, await reading())];
    kept[0] = null;
    let freed = await reading();
    for (let t = 0; t < tries && after - freed < 0.9 * bytes; t++) freed = Math.min(freed, await reading());
    if (i >= warmup) {
      retained.push(after - freed >= 0.9 * bytes ? after - freed : after - before);
      counted.push(bytes);
    }
  }
  return { retained: stat(retained), counted: stat(counted) };
}
