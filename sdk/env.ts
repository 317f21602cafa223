/** Environment variables, read safely where there is no environment (browsers) or no permission (Deno). */

/** The value of environment variable `name`, or undefined. */
export function envVar(name: string): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  } catch {
    return undefined;
  }
}

/** An on/off variable: true for 1/true/on/yes, false for 0/false/off/no, undefined if unset; `invalid` for anything else. */
export function envFlag(name: string, invalid?: (value: string) => void): boolean | undefined {
  const v = envVar(name);
  if (v === undefined) return undefined;
  const lower = v.trim().toLowerCase();
  if (["1", "true", "on", "yes"].includes(lower)) return true;
  if (["0", "false", "off", "no"].includes(lower)) return false;
  invalid?.(v);
  return undefined;
}

/** A non-negative number from the environment, or `fallback` (with `invalid` called) when unset or unparsable. */
export function envNumber(name: string, fallback: number, invalid?: (value: string) => void): number {
  const v = envVar(name);
  if (v === undefined) return fallback;
  const n = Number(v.trim());
  if (v.trim() === "" || !Number.isFinite(n) || n < 0) {
    invalid?.(v);
    return fallback;
  }
  return n;
}
