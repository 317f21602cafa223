/** Min/max downsampling of scalar series: per equal time bucket, the min, the max and the last value. */
import type { DataType } from "../../store/arrow/types.ts";
import { isValid } from "../../store/arrow/values.ts";
import type { Run } from "../../store/db/query.ts";

/** One bucket: the time of its last value (decimal i64), its min, max and last value. */
export type Point = [time: string, min: number, max: number, last: number];

/** True if instances of `itemType` are plain numbers (integers, float32/64). */
export function isNumeric(itemType: DataType): boolean {
  return itemType.kind === "int" || (itemType.kind === "float" && itemType.bits !== 16);
}

/** Downsamples `runs` (time-ordered runs of one numeric component) into at most `buckets` buckets over [from, to]. */
export function downsample(runs: readonly Run[], from: bigint, to: bigint, buckets: number): Point[] {
  const width = (Number(to - from) + 1) / buckets;
  const fromHi = Number(from >> 32n), fromLo = Number(from & 0xffffffffn);
  const out: Point[] = [];
  let cur = -1, min = 0, max = 0, last = 0;
  let lastTimes: BigInt64Array | null = null, lastRow = 0;
  const flush = () => {
    if (cur >= 0) out.push([String(lastTimes![lastRow]), min, max, last]);
  };
  for (const run of runs) {
    const times = run.times;
    if (!times) continue;
    // Time offsets from `from` in float64 through the words of each i64 (no BigInt per row).
    const hi = new Int32Array(times.buffer, times.byteOffset, times.length * 2);
    const lo = new Uint32Array(times.buffer, times.byteOffset, times.length * 2);
    const data = run.column.data, offsets = data.offsets as Int32Array, child = data.children[0]!, values = child.values!;
    for (const row of run.rows) {
      const offset = (hi[2 * row + 1]! - fromHi) * 4294967296 + (lo[2 * row]! - fromLo);
      const k = Math.min(buckets - 1, Math.max(0, Math.floor(offset / width)));
      for (let j = offsets[row]!; j < offsets[row + 1]!; j++) {
        if (child.validity && !isValid(child, j)) continue;
        const v = Number(values[j]!);
        if (Number.isNaN(v)) continue;
        if (k !== cur) {
          flush();
          cur = k;
          min = max = v;
        } else if (v < min) min = v;
        else if (v > max) max = v;
        last = v;
        lastTimes = times;
        lastRow = row;
      }
    }
  }
  flush();
  return out;
}
