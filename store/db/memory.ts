/** Memory limits as Rerun's `--memory-limit` parses them (re_memory `MemoryLimit::parse`). */
import { totalmem } from "node:os";

const BASE10: [string, number][] = [["kB", 1e3], ["MB", 1e6], ["GB", 1e9], ["TB", 1e12], ["B", 1]];
const BASE2: [string, number][] = [["KiB", 2 ** 10], ["MiB", 2 ** 20], ["GiB", 2 ** 30], ["TiB", 2 ** 40], ["B", 1]];
const MINUS = "\u2212";
const I64 = /^[+-]?\d+$/;
const F32 = /^[+-]?(inf|infinity|nan|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)$/i;

/** Bytes of a limit: `50%` of total RAM, or `16GB` (kB/MB/GB/TB ×1000, KiB/MiB/GiB/TiB ×1024, B); throws Rerun's message. */
export function parseMemoryLimit(limit: string, totalRam: number = totalmem()): number {
  if (limit.endsWith("%")) {
    const pct = limit.slice(0, -1);
    if (!F32.test(pct)) throw new Error(`expected e.g. '50%', got ${JSON.stringify(limit)}`);
    const fraction = Math.fround(Math.fround(parseRustFloat(pct)) / 100);
    const bytes = Math.round(fraction * totalRam);
    return Number.isNaN(bytes) ? 0 : Math.max(-(2 ** 63), Math.min(2 ** 63, bytes)); // Rust's saturating `as i64`
  }
  const bytes = parseBytes(limit, BASE10) ?? parseBytes(limit, BASE2);
  if (bytes === null) throw new Error(`expected e.g. '16GB', got ${JSON.stringify(limit)}`);
  return bytes;
}

/** re_format `parse_bytes_base10/2`: integer count + case-sensitive unit, optional leading `−`. */
function parseBytes(s: string, units: [string, number][]): number | null {
  if (s.startsWith(MINUS)) {
    const v = parseBytes(s.slice(MINUS.length), units);
    return v === null ? null : -v;
  }
  const unit = units.find(([u]) => s.endsWith(u));
  if (!unit) return null;
  const num = s.slice(0, -unit[0].length);
  if (!I64.test(num)) return null;
  const n = BigInt(num);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? Number(n) * unit[1] : null;
}

function parseRustFloat(s: string): number {
  const t = s.toLowerCase().replace(/^\+/, "");
  if (/^-?(inf|infinity)$/.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  return t.endsWith("nan") ? NaN : Number(t);
}
