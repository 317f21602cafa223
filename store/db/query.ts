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
 *
 * The hot paths compare times as 32-bit words (keys.ts, chunk-list.ts) and allocate one `Hit` per
 * latest-at answer (its time and row id are read from the chunk only when asked for) and, per range
 * answer, one `Run` per chunk whose rows are a view, not a copy, when the chunk needs no filtering.
 */
import { valueAt, isValid, type JsValue } from "../arrow/values.ts";
import type { Chunk, ComponentColumn } from "../chunk.ts";
import type { Tuid } from "../logmsg.ts";
import { rowIdAt } from "../transport.ts";
import { type ChunkList, type Member } from "./chunk-list.ts";
import type { EntityIndex } from "./entity-index.ts";
import { compareIndex, type Index, searchTimes, words, type Words } from "./keys.ts";
import type { TimeSpan } from "./slot.ts";

/** The component of the `Clear` archetype. */
export const CLEAR_IS_RECURSIVE = "rerun.components.ClearIsRecursive";

/** One latest-at result: the cell (chunk, column, row) and its index (read from the chunk when asked for). */
export class Hit implements Index {
  constructor(
    readonly chunk: Chunk,
    readonly column: ComponentColumn,
    readonly row: number,
    /** The queried timeline's column, null for static data. */
    readonly times: BigInt64Array | null,
    /** A Clear shadows the data (then the cell is the Clear's). */
    readonly shadowed = false,
  ) {}

  /** The value is empty: an empty list was logged, or a Clear shadows the data. */
  get cleared(): boolean {
    const o = this.column.data.offsets!;
    return this.shadowed || o[this.row] === o[this.row + 1];
  }

  /** The time of the cell on the queried timeline, null for static data. */
  get time(): bigint | null {
    return this.times === null ? null : this.times[this.row]!;
  }

  /** The row id of the cell. */
  get rowId(): Tuid {
    return rowIdAt(this.chunk, this.row);
  }
}

/** Consecutive range-query rows of one chunk, in (time, rowId) order. */
export interface Run {
  chunk: Chunk;
  column: ComponentColumn;
  /** The queried timeline's column, null for static data. */
  times: BigInt64Array | null;
  /** Row indices into the chunk; read-only (often a view of a shared 0, 1, 2, … buffer). */
  rows: Int32Array;
}

/** What queries read: entity indices by path, and the paths where a Clear was ever logged. */
export interface QuerySource {
  entity(path: string): EntityIndex | undefined;
  readonly clearPaths: ReadonlySet<string>;
  /** Brings every index up to date (rows staged by ingestion go into their chunks). */
  settle(): void;
}

/** Latest value at or before `t` on `timeline` of each component of `entity` (missing = no data). */
export function latestAt(src: QuerySource, entity: string, components: readonly string[], timeline: string, t: bigint): Map<string, Hit> {
  const out = new Map<string, Hit>();
  const ei = src.entity(entity);
  if (!ei) return out;
  const w = words(t);
  const clear = clearAt(src, ei, timeline, w);
  for (const name of components) {
    const hit = latestOne(ei, name, timeline, w, clear);
    if (hit) out.set(name, hit);
  }
  return out;
}

/** Latest value at or before `t` on `timeline` of one component of `entity`, null for no data (no Map made). */
export function latestAtOne(src: QuerySource, entity: string, component: string, timeline: string, t: bigint): Hit | null {
  const ei = src.entity(entity);
  if (!ei) return null;
  const w = words(t);
  return latestOne(ei, component, timeline, w, clearAt(src, ei, timeline, w));
}

/** The latest `Hit` at or before time words `w` in one chunk list (no clears, no statics), or null. */
export function latestInList(list: ChunkList, w: Words): Hit | null {
  if (!findLatest(list, w)) return null;
  const hit = new Hit(found.m!.chunk!, found.m!.column!, found.row, found.m!.times);
  found.m = null;
  return hit;
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
    const list = ei.list(timeline, name);
    if (!list) continue;
    const parts: Part[] = [];
    for (let k = list.count(w1.hi, w1.lo) - 1; k >= 0 && !list.allEndBefore(k, w0.hi, w0.lo); k--) {
      if (list.endsBefore(k, w0.hi, w0.lo)) continue;
      const m = list.at(k);
      if (!m.fresh) m.refresh();
      const rows = rowsIn(m, w0, w1);
      if (rows.length > 0) parts.push({ m, rows });
    }
    if (parts.length > 0) out.set(name, merge(parts));
  }
  return out;
}

/** The chunk span and row of the latest non-null value at or before `t` in `list` (the chunk list of component `_name`). */
export function latestTemporal(list: ChunkList, _name: string, t: bigint, w: Words = words(t)): { span: TimeSpan; row: number } | null {
  return findLatest(list, w) ? { span: found.m!.span, row: found.row } : null;
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

/** The latest cell of `name` (static, else temporal at or before w), shadowed by `clear` when that is newer. */
function latestOne(ei: EntityIndex, name: string, timeline: string, w: Words, clear: Hit | null): Hit | null {
  let hit: Hit;
  const st = ei.hasStatics ? ei.statics.get(name) : undefined;
  if (st) {
    const chunk = st.slot.chunk;
    hit = new Hit(chunk, chunk.components[st.slot.columnIndex(name)]!, st.row, null);
  } else {
    const list = ei.list(timeline, name);
    if (!list || !findLatest(list, w)) return null;
    const m = found.m!;
    found.m = null;
    hit = new Hit(m.chunk!, m.column!, found.row, m.times);
  }
  if (clear === null || name === CLEAR_IS_RECURSIVE || compareIndex(hit, clear) > 0) return hit;
  return new Hit(clear.chunk, clear.column, clear.row, clear.times, true);
}

/** The newest Clear that applies to the entity of `ei` at w, if any. */
function clearAt(src: QuerySource, ei: EntityIndex, timeline: string, w: Words): Hit | null {
  if (src.clearPaths.size === 0) return null;
  let best: Hit | null = null;
  for (const p of ei.ancestors()) {
    const at = src.clearPaths.has(p) ? src.entity(p) : undefined;
    const h = at ? latestOne(at, CLEAR_IS_RECURSIVE, timeline, w, null) : null;
    if (!h || (p !== ei.path && hitValue(h)[0] !== true)) continue;
    if (!best || compareIndex(h, best) > 0) best = h;
  }
  return best;
}

/** Where `findLatest` leaves its answer (no allocation per query). */
const found: { m: Member | null; row: number } = { m: null, row: -1 };

/**
 * Finds the latest non-null cell at or before w in `list` into `found`; false if none. Usually the
 * answer is in the last chunk and every earlier chunk ends before it: only the list and that
 * chunk's member and time words are read.
 */
function findLatest(list: ChunkList, w: Words): boolean {
  const n = list.settle();
  if (n === 0) return false;
  const h = list.lastMinHi;
  if (h < w.hi || (h === w.hi && list.lastMinLo <= w.lo)) {
    const m = list.last!;
    const r = latestRow(m, w);
    if (r >= 0) {
      const ph = list.prevMaxHi, rh = m.tw![2 * r + 1]!;
      if (n === 1 || ph < rh || (ph === rh && list.prevMaxLo < m.tw![2 * r]! >>> 0)) {
        found.m = m;
        found.row = r;
        return true;
      }
    }
  }
  return scan(list, w);
}

/** `findLatest` over every candidate chunk (chunks overlapping in time, or the last one holding nothing at w). */
function scan(list: ChunkList, w: Words): boolean {
  let best: Member | null = null, row = -1, hi = 0, lo = 0;
  for (let k = list.count(w.hi, w.lo) - 1; k >= 0; k--) {
    if (best !== null) {
      if (list.allEndBefore(k, hi, lo)) break;
      if (list.endsBefore(k, hi, lo)) continue;
    }
    const m = list.at(k);
    const r = latestRow(m, w);
    if (r < 0) continue;
    if (best === null || m.keys.cmp(r, best.keys, row) > 0) {
      best = m;
      row = r;
      hi = m.tw![2 * r + 1]!;
      lo = m.tw![2 * r]! >>> 0;
    }
  }
  found.m = best;
  found.row = row;
  return best !== null;
}

/** Number of positions of fresh `m` (in time order) whose time is ≤ w (or < w when `strict`). */
function upperBound(m: Member, w: Words, strict: boolean): number {
  return searchTimes(m.tw!, m.order, m.n, m.firstHi, m.firstLo, m.lastHi, m.lastLo, m.width, w.hi, w.lo, strict);
}

/** The row of the latest non-null entry of `m` at or before w, -1 if none (refreshes `m`). */
function latestRow(m: Member, w: Words): number {
  if (!m.fresh) m.refresh();
  const order = m.order;
  let p = upperBound(m, w, false) - 1;
  if (m.dense) return p < 0 ? -1 : order === null ? p : order[p]!;
  const data = m.column!.data;
  for (; p >= 0; p--) {
    const r = order === null ? p : order[p]!;
    if (isValid(data, r)) return r;
  }
  return -1;
}

let iota = new Int32Array(0);

/** [from, to) as a view of a shared buffer holding 0, 1, 2, …. */
function rowSpan(from: number, to: number): Int32Array {
  if (iota.length < to) {
    iota = new Int32Array(Math.max(to, 2 * iota.length, 1024));
    for (let i = 0; i < iota.length; i++) iota[i] = i;
  }
  return iota.subarray(from, to);
}

/** The rows of fresh `m` in [w0, w1] with a non-null entry, in (time, rowId) order. */
function rowsIn(m: Member, w0: Words, w1: Words): Int32Array {
  const order = m.order, from = upperBound(m, w0, true), to = Math.max(from, upperBound(m, w1, false));
  if (order === null && m.dense) return rowSpan(from, to);
  const data = m.column!.data, out = new Int32Array(to - from);
  let k = 0;
  for (let p = from; p < to; p++) {
    const r = order === null ? p : order[p]!;
    if (isValid(data, r)) out[k++] = r;
  }
  return out.subarray(0, k);
}

interface Part {
  m: Member;
  rows: Int32Array;
}

/** Orders per-chunk row lists into runs; interleaved chunks are k-way merged. */
function merge(parts: Part[]): Run[] {
  const first = (p: Part): number => p.rows[0]!, last = (p: Part): number => p.rows[p.rows.length - 1]!;
  const run = (p: Part, rows: Int32Array): Run => ({ chunk: p.m.chunk!, column: p.m.column!, times: p.m.times, rows });
  if (parts.length === 1) return [run(parts[0]!, parts[0]!.rows)];
  parts.sort((a, b) => a.m.keys.cmp(first(a), b.m.keys, first(b)));
  if (parts.every((p, i) => i === 0 || parts[i - 1]!.m.keys.cmp(last(parts[i - 1]!), p.m.keys, first(p)) < 0)) return parts.map((p) => run(p, p.rows));
  const pos = parts.map(() => 0), runs: Run[] = [];
  let cur = -1, buf: number[] = [];
  for (;;) {
    let m = -1;
    parts.forEach((p, i) => {
      if (pos[i]! < p.rows.length && (m < 0 || p.m.keys.cmp(p.rows[pos[i]!]!, parts[m]!.m.keys, parts[m]!.rows[pos[m]!]!) < 0)) m = i;
    });
    if (m !== cur && cur >= 0) (runs.push(run(parts[cur]!, Int32Array.from(buf))), (buf = []));
    if (m < 0) return runs;
    cur = m;
    buf.push(parts[m]!.rows[pos[m]!++]!);
  }
}
