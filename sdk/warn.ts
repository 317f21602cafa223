/**
 * Misuse reporting as in Rerun's Python SDK: a `RerunWarning` line on stderr, or a thrown
 * `RerunError` in strict mode (`RERUN_STRICT=1`, `init(…, { strict: true })` or `setStrictMode(true)`).
 */
import { envFlag } from "./env.ts";

/** What strict mode throws. */
export class RerunError extends Error {
  override name = "RerunError";
}

let strict: boolean | null = null;
const said = new Set<string>();

/** Turns strict mode on or off for the whole process (overrides RERUN_STRICT). */
export function setStrictMode(on: boolean): void {
  strict = on;
}

/** Whether misuse throws instead of warning. */
export function strictMode(): boolean {
  return strict ?? envFlag("RERUN_STRICT") ?? false;
}

/** Reports misuse: throws a RerunError in strict mode (or when `strictNow`), else warns. */
export function misuse(text: string, strictNow: boolean = strictMode()): void {
  if (strictNow) throw new RerunError(text);
  warn(text);
}

/** Prints a warning on stderr. */
export function warn(text: string): void {
  console.warn(`RerunWarning: ${text}`);
}

/** Prints a warning the first time `text` is seen. */
export function warnOnce(text: string): void {
  if (said.has(text)) return;
  said.add(text);
  warn(text);
}

/** The message of a thrown value. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
