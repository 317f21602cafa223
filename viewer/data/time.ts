/** Formatting of time values: `#42` on sequence timelines, dates or seconds on nanosecond ones. */
import type { TimeType } from "../api/types.ts";

const NS_PER_S = 1_000_000_000;
/** Times below this many ns are shown relative to 0 (a clock that is not wall time). */
const RELATIVE_LIMIT = 365 * 24 * 3600 * NS_PER_S;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The full text of a time value, e.g. `#42`, `2025-03-11 19:58:05.946`, `12.345s`. */
export function formatTime(t: bigint | number, type: TimeType): string {
  if (type === "Sequence") return `#${t}`;
  const ns = BigInt(t);
  if (Math.abs(Number(ns)) < RELATIVE_LIMIT) return formatSeconds(Number(ns) / NS_PER_S);
  const msTotal = ns / 1_000_000n - (ns % 1_000_000n < 0n ? 1n : 0n);
  const sub = Number(ns - msTotal * 1_000_000n);
  const d = new Date(Number(msTotal));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${sub ? pad(sub, 6).replace(/0+$/, "") : ""}Z`;
}

/** A short label for an axis tick `t` when ticks are `step` apart. */
export function formatTick(t: number, step: number, type: TimeType): string {
  if (type === "Sequence") return String(Math.round(t));
  if (Math.abs(t) < RELATIVE_LIMIT) return formatSeconds(t / NS_PER_S, step / NS_PER_S);
  const d = new Date(Math.floor(t / 1e6));
  const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (step >= 24 * 3600 * NS_PER_S) return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (step >= NS_PER_S) return hms;
  const digits = Math.min(9, Math.max(1, Math.ceil(-Math.log10(step / NS_PER_S))));
  // Ticks are multiples of `step`: round away the float error of t (ulp 256 ns at today's epoch).
  const frac = Math.round((((t % NS_PER_S) + NS_PER_S) % NS_PER_S) / 10 ** (9 - digits)) % 10 ** digits;
  return `${hms}.${pad(frac, digits)}`;
}

function formatSeconds(s: number, step = 0.001): string {
  const digits = Math.min(9, Math.max(0, Math.ceil(-Math.log10(step))));
  return `${s.toFixed(digits)}s`;
}

const STEPS_NS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8, 2e8, 5e8,
  1e9, 2e9, 5e9, 1e10, 15e9, 30e9, 60e9, 120e9, 300e9, 600e9, 900e9, 1800e9, 3600e9, 7200e9, 21600e9, 43200e9, 86400e9];

/** A "nice" tick spacing for `span` spread over about `ticks` ticks (whole units on sequence timelines). */
export function tickStep(span: number, ticks: number, type: TimeType): number {
  const raw = span / Math.max(1, ticks);
  if (type === "Time") {
    const s = STEPS_NS.find((x) => x >= raw);
    if (s !== undefined) return s;
  }
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, type === "Sequence" ? 1 : 1e-12)));
  const m = [1, 2, 5, 10].find((x) => x * p >= raw) ?? 10;
  return Math.max(type === "Sequence" ? 1 : 0, m * p);
}

/** Ticks `step` apart covering [min, max]. */
export function ticks(min: number, max: number, step: number): number[] {
  const out: number[] = [];
  if (!(step > 0)) return out;
  for (let t = Math.ceil(min / step) * step; t <= max && out.length < 1000; t += step) out.push(t);
  return out;
}
