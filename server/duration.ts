/** Parses `--drop-at-latency` style durations ("200ms", "10s", "1.5m", "1h"), like Rerun's `re_format::parse_duration`. */

/** Suffix and its length in seconds as a fraction (so "200ms" is exactly 200 / 1000). */
const UNITS: [suffix: string, num: number, den: number][] = [["ms", 1, 1000], ["s", 1, 1], ["m", 60, 1], ["h", 3600, 1]];
/** Rust's `f32::from_str` grammar: optional sign, decimal with optional exponent, or inf/infinity/nan. */
const NUMBER = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|inf|infinity|nan)$/i;

/** Seconds for a duration text; throws an Error with a one-line message naming the bad text. */
export function parseDuration(text: string): number {
  const unit = UNITS.find(([suffix]) => text.endsWith(suffix));
  if (!unit) throw new Error(`Expected a suffix of 'ms', 's', 'm' or 'h' in string ${JSON.stringify(text)}`);
  const [suffix, num, den] = unit;
  const digits = text.slice(0, -suffix.length);
  if (!NUMBER.test(digits)) throw new Error(`Expected a number, got ${JSON.stringify(digits)}`);
  const n = /inf/i.test(digits) ? Infinity : Number(digits);
  if (!(n >= 0) || digits.startsWith("-")) throw new Error(`Expected a non-negative duration, got ${JSON.stringify(text)}`);
  return (n * num) / den;
}
