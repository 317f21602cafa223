/** A recording's current time: the values `setTime*` set, stamped on every logged row. */
import type { TimeType } from "../store/logmsg.ts";

/** One timeline's value: a Sequence number, or Time in nanoseconds since the epoch. */
export interface TimelineValue {
  type: TimeType;
  value: bigint;
}

/** Timeline name → value. */
export type Times = Map<string, TimelineValue>;

/** Wall-clock nanoseconds since the Unix epoch (sub-millisecond part from the monotonic clock). */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n + BigInt(Math.floor((performance.now() % 1) * 1e6));
}

/** Seconds (float) → integer nanoseconds, keeping the fraction exact for epoch-sized values. */
export function secondsToNs(seconds: number): bigint {
  const whole = Math.floor(seconds);
  return BigInt(whole) * 1_000_000_000n + BigInt(Math.round((seconds - whole) * 1e9));
}

/** A time value as a bigint (numbers must be integers). */
export function toBigInt(v: number | bigint, what: string): bigint {
  if (typeof v === "bigint") return v;
  if (!Number.isInteger(v)) throw new RangeError(`${what} must be an integer, got ${v}`);
  return BigInt(v);
}
