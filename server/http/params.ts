/** Query parameters of the API, validated: a bad one throws a 400 `HttpError` naming it. */
import type { Context } from "hono";
import { entityParts } from "../../store/db/tree.ts";
import { HttpError } from "./errors.ts";

/** The i64 range, the default bounds of `from` and `to`. */
export const I64_MIN = -(2n ** 63n);
export const I64_MAX = 2n ** 63n - 1n;

/** A required query parameter. */
export function required(c: Context, name: string): string {
  const v = c.req.query(name);
  if (v === undefined || v === "") throw new HttpError(400, `missing query parameter '${name}'`);
  return v;
}

/** The i64 time in parameter `name` (decimal), or `fallback` when absent (required when no fallback). */
export function timeParam(c: Context, name: string, fallback?: bigint): bigint {
  const v = c.req.query(name);
  if ((v === undefined || v === "") && fallback !== undefined) return fallback;
  const text = v ?? required(c, name);
  if (!/^[+-]?\d{1,20}$/.test(text)) throw new HttpError(400, `'${name}' must be an integer (i64), got ${JSON.stringify(text)}`);
  const t = BigInt(text);
  if (t < I64_MIN || t > I64_MAX) throw new HttpError(400, `'${name}' is outside the i64 range: ${text}`);
  return t;
}

/** An integer parameter in [min, max], or `fallback` when absent. */
export function intParam(c: Context, name: string, min: number, max: number, fallback: number): number {
  const v = c.req.query(name);
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new HttpError(400, `'${name}' must be an integer in ${min}..${max}, got ${JSON.stringify(v)}`);
  return n;
}

/** The canonical entity path prefix of `entity=` (`/` for every entity). */
export function entityParam(c: Context): string {
  const v = c.req.query("entity");
  return v ? `/${entityParts(v).join("/")}` : "/";
}

/** True if `path` is `prefix` or below it. */
export function underPrefix(path: string, prefix: string): boolean {
  return prefix === "/" || path === prefix || path.startsWith(`${prefix}/`);
}

/** The component names of `components=a,b`, or null for all. */
export function componentsParam(c: Context): Set<string> | null {
  const v = c.req.query("components");
  if (v === undefined || v === "") return null;
  return new Set(v.split(",").map((s) => s.trim()).filter(Boolean));
}
