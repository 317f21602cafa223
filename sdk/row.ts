/** One `log` call → a pending row: its component batches, its time stamps and the key that groups rows into chunks. */
import type { TimeValue } from "../store/build.ts";
import { arrayBytes } from "../store/transport.ts";
import { newTuid } from "../store/tuid.ts";
import type { AsComponents } from "./archetype.ts";
import type { PendingRow } from "./chunking.ts";
import type { Batch } from "./component.ts";
import type { Times } from "./time.ts";

/** Options of `log`, given as its last argument. */
export interface LogOptions {
  /** Log without any time (the values hold on every timeline). */
  static?: boolean;
  /** Throw instead of warning on bad input (default: the strict mode). */
  strict?: boolean;
}

/** What `log` takes: archetypes, component batches, or arrays of them. */
export type Loggable = AsComponents | Batch | readonly (AsComponents | Batch)[];

const isBatch = (x: object): x is Batch => "descriptor" in x && "array" in x;
const isLoggable = (x: unknown): x is Loggable => Array.isArray(x) || (typeof x === "object" && x !== null && ("asComponentBatches" in x || isBatch(x)));

/** Removes and returns the trailing options of `log`'s arguments ({} if none). */
export function takeOptions(args: (Loggable | LogOptions)[]): LogOptions {
  const last = args[args.length - 1];
  return last !== undefined && !isLoggable(last) ? (args.pop() as LogOptions) : {};
}

/** Every batch of the loggables, in order (archetypes yield their indicator first). */
export function collectBatches(args: readonly (Loggable | LogOptions)[]): Batch[] {
  const out: Batch[] = [];
  for (const a of args) {
    if (!isLoggable(a)) throw new TypeError("log() options must be the last argument");
    for (const x of Array.isArray(a) ? (a as readonly (AsComponents | Batch)[]) : [a as AsComponents | Batch]) out.push(...(isBatch(x) ? [x] : x.asComponentBatches()));
  }
  return out;
}

/** Each time state's key, until `forgetKey` (its set of timelines or their types changed). */
const keys = new WeakMap<Times, string>();

/** Drops the cached key of a time state whose timelines changed. */
export function forgetKey(times: Times): void {
  keys.delete(times);
}

/** "frame:S,sensor:T+log" for a time state's timelines plus the built-in log_tick and log_time. */
function timelinesKey(times: Times): string {
  let key = keys.get(times);
  if (key === undefined) keys.set(times, (key = `${[...times].map(([n, t]) => `${n}:${t.type[0]}`).sort().join(",")}+log`));
  return key;
}

/** The row of `batches`: static when `times` is null, else stamped with them, log_tick and log_time. */
export function pendingRow(batches: Batch[], times: Times | null, tick: bigint, logTimeNs: bigint): PendingRow {
  const stamps: Record<string, TimeValue> = {};
  let key = "";
  if (times) {
    for (const [name, t] of times) stamps[name] = t.type === "Time" ? { ns: t.value } : t.value;
    stamps.log_tick = tick;
    stamps.log_time = { ns: logTimeNs };
    key = timelinesKey(times);
  }
  let bytes = 16;
  for (const _ in stamps) bytes += 8;
  for (const b of batches) bytes += arrayBytes(b.array);
  return { rowId: newTuid(), times: stamps, key, batches, bytes };
}
