/**
 * Latest-at and range queries with Rerun 0.22 semantics. Results point into chunk columns
 * (chunk + row index); `hitValue` / `rangeValues` turn them into JS values on demand.
 *
 * - Static data wins over temporal data; otherwise the largest (time, rowId) wins (ties → larger row id).
 * - Each component is resolved on its own (partial updates); null list entries are skipped (absent),
 *   valid empty lists are results that mean "cleared".
 * - Latest-at applies `Clear`s like re_query: the entity's own latest ClearIsRecursive (any value) and
 *   each ancestor's latest one whose value is `true` shadow every component logged at or before them.
 *   Range queries ignore clears (as in 0.22).
 */
import { range as listRange, valueAt, isValid, type JsValue } from "../arrow/values.ts";
import type { Chunk, ComponentColumn } from "../chunk.ts";
import type { Tuid } from "../logmsg.ts";
import { rowIdAt } from "../transport.ts";
import type { ChunkList } from "./chunk-list.ts";
import type { EntityIndex } from "./entity-index.ts";
import { compareIndex, type Index, type RowKeys, words, type Words } from "./keys.ts";
import type { TimeSpan } from "./slot.ts";
import { parentPath } from "./tree.ts";

/** The component of the `Clear` archetype. */
export const CLEAR_IS_RECURSIVE = "rerun.components.ClearIsRecursive";

/** One latest-at result: the cell (chunk, column, row) and its index. */
export interface Hit extends Index {
  chunk: Chunk;
  column: ComponentColumn;
  row: number;
  /** The value is empty: an empty list was logged, or a Clear shadows the data (then the cell is the Clear's). */
  cleared: boolean;
}

/** Consecutive range-query rows of one chunk, in (time, rowId) order. */
export interface Run {
  chunk: Chunk;
  column: ComponentColumn;
  /** The queried timeline's column, null for static data. */
  times: BigInt64Array | null;
  rows: Int32Array;
}

/** What queries read: entity indices by path, and the paths where a Clear was ever logged. */
export interface QuerySource {
  entity(path: string): EntityIndex | undefined;
  readonly clearPaths: ReadonlySet<string>;
}

/** Latest value at or before `t` on `timeline` of each component of `entity` (missing = no data). */
export function latestAt(src: QuerySource, entity: string, components: readonly string[], timeline: string, t: bigint): Map<string, Hit> {
  const out = new Map<string, Hit>();
  const ei = src.entity(entity);
  if (!ei) return out;
  const w = words(t);
  const clear = clearAt(src, entity, timeline, t, w);
  for (const name of components) {
    const hit = latestOne(ei, name, timeline, t, w);
    if (!hit) continue;
    out.set(name, clear && name !== CLEAR_IS_RECURSIVE && compareIndex(hit, clear) <= 0 ? { ...clear, cleared: true } : hit);
  }
  return out;
}

/** All values in [t0, t1] on `timeline` of each component of `entity`, as runs (static data: its one cell). */
export function range(src: QuerySource, entity: string, components: readonly string[], timeline: string, t0: bigint, t1: bigint): Map<string, Run[]> {
  const out = new Map<string, Run[]>();
  const ei = src.entity(entity);
  if (!ei) return out;
  const w0 = words(t0), w1 = words(t1);
  for (const name of components) {
    const st = ei.statics.get(name);
    if (st) {
      const chunk = st.slot.chunk;
      out.set(name, [{ chunk, column: chunk.components[st.column]!, times: null, rows: Int32Array.of(st.row) }]);
      continue;
    }
    const list = ei.lists.get(timeline)?.get(name);
    if (!list) continue;
    const parts: Part[] = [];
    for (let k = list.count(t1) - 1; k >= 0 && list.maxUpTo(k) >= t0; k--) {
      const span = list.at(k);
      if (span.max < t0) continue;
      const rows = rowsIn(span, name, w0, w1);
      if (rows.length > 0) parts.push({ span, keys: span.keys(), rows });
    }
    if (parts.length > 0) out.set(name, merge(parts, name));
  }
  return out;
}

/** The chunk span and row of the latest non-null value of `name` at or before `t` in `list`. */
export function latestTemporal(list: ChunkList, name: string, t: bigint, w: Words = words(t)): { span: TimeSpan; row: number } | null {
  let best: { span: TimeSpan; row: number; time: bigint } | null = null;
  for (let k = list.count(t) - 1; k >= 0; k--) {
    if (best && list.maxUpTo(k) < best.time) break;
    const span = list.at(k);
    if (best && span.max < best.time) continue;
    const row = latestRow(span, name, w);
    if (row >= 0 && (!best || span.keys().cmp(row, best.span.keys(), best.row) > 0)) best = { span, row, time: span.values()[row]! };
  }
  return best;
}

/** The JS value of a hit: the list of instances, `[]` when cleared. */
export function hitValue(h: Hit): JsValue[] {
  return h.cleared ? [] : (valueAt(h.column.data, h.row) as JsValue[]);
}

/** Every row of `runs` with its time, row id and value (allocates: for tools and tests). */
export function rangeValues(runs: readonly Run[]): { time: bigint | null; rowId: Tuid; value: JsValue[] }[] {
  return runs.flatMap((r) => Array.from(r.rows, (row) => ({
    time: r.times ? r.times[row]! : null,
    rowId: rowIdAt(r.chunk, row),
    value: valueAt(r.column.data, row) as JsValue[],
  })));
}

function latestOne(ei: EntityIndex, name: string, timeline: string, t: bigint, w: Words): Hit | null {
  const st = ei.statics.get(name);
  if (st) return hitAt(st.slot.chunk, name, st.row, null);
  const list = ei.lists.get(timeline)?.get(name);
  const best = list ? latestTemporal(list, name, t, w) : null;
  return best ? hitAt(best.span.slot.chunk, name, best.row, best.span.values()[best.row]!) : null;
}

function hitAt(chunk: Chunk, name: string, row: number, time: bigint | null): Hit {
  const column = columnOf(chunk, name);
  const [s, e] = listRange(column.data, row);
  return { chunk, column, row, time, rowId: rowIdAt(chunk, row), cleared: s === e };
}

/** The newest Clear that applies to `entity` at `t`, if any. */
function clearAt(src: QuerySource, entity: string, timeline: string, t: bigint, w: Words): Hit | null {
  let best: Hit | null = null;
  if (src.clearPaths.size === 0) return best;
  for (let p: string | null = entity; p !== null; p = parentPath(p)) {
    const ei = src.clearPaths.has(p) ? src.entity(p) : undefined;
    const h = ei ? latestOne(ei, CLEAR_IS_RECURSIVE, timeline, t, w) : null;
    if (!h || (p !== entity && hitValue(h)[0] !== true)) continue;
    if (!best || compareIndex(h, best) > 0) best = h;
  }
  return best;
}

function columnOf(chunk: Chunk, name: string): ComponentColumn {
  return chunk.components.find((c) => c.descriptor.component === name)!;
}

/** Number of positions (in time order) whose time is ≤ w (or < w when `strict`). */
function upperBound(keys: RowKeys, order: Int32Array | null, n: number, w: Words, strict: boolean): number {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = keys.cmpTime(order ? order[mid]! : mid, w);
    if (strict ? c < 0 : c <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function latestRow(span: TimeSpan, name: string, w: Words): number {
  const chunk = span.slot.chunk, data = columnOf(chunk, name).data, order = span.order();
  for (let p = upperBound(span.keys(), order, chunk.numRows, w, false) - 1; p >= 0; p--) {
    const r = order ? order[p]! : p;
    if (isValid(data, r)) return r;
  }
  return -1;
}

function rowsIn(span: TimeSpan, name: string, w0: Words, w1: Words): Int32Array {
  const chunk = span.slot.chunk, data = columnOf(chunk, name).data, order = span.order(), keys = span.keys();
  const from = upperBound(keys, order, chunk.numRows, w0, true), to = upperBound(keys, order, chunk.numRows, w1, false);
  const out = new Int32Array(Math.max(0, to - from));
  let k = 0;
  for (let p = from; p < to; p++) {
    const r = order ? order[p]! : p;
    if (isValid(data, r)) out[k++] = r;
  }
  return out.subarray(0, k);
}

interface Part {
  span: TimeSpan;
  keys: RowKeys;
  rows: Int32Array;
}

/** Orders per-chunk row lists into runs; interleaved chunks are k-way merged. */
function merge(parts: Part[], name: string): Run[] {
  const first = (p: Part): number => p.rows[0]!, last = (p: Part): number => p.rows[p.rows.length - 1]!;
  parts.sort((a, b) => a.keys.cmp(first(a), b.keys, first(b)));
  const run = (p: Part, rows: Int32Array): Run => {
    const chunk = p.span.slot.chunk;
    return { chunk, column: columnOf(chunk, name), times: p.span.values(), rows };
  };
  if (parts.every((p, i) => i === 0 || parts[i - 1]!.keys.cmp(last(parts[i - 1]!), p.keys, first(p)) < 0)) return parts.map((p) => run(p, p.rows));
  const pos = parts.map(() => 0), runs: Run[] = [];
  let cur = -1, buf: number[] = [];
  for (;;) {
    let m = -1;
    parts.forEach((p, i) => {
      if (pos[i]! < p.rows.length && (m < 0 || p.keys.cmp(p.rows[pos[i]!]!, parts[m]!.keys, parts[m]!.rows[pos[m]!]!) < 0)) m = i;
    });
    if (m !== cur && cur >= 0) (runs.push(run(parts[cur]!, Int32Array.from(buf))), (buf = []));
    if (m < 0) return runs;
    cur = m;
    buf.push(parts[m]!.rows[pos[m]!++]!);
  }
}
