/** A deliberately naive model of the store's query semantics (a scan over every row), to check the indexed one against. */
import { isValid, valueAt, type JsValue } from "../../store/arrow/values.ts";
import type { Chunk } from "../../store/chunk.ts";
import { CLEAR_IS_RECURSIVE } from "../../store/db/query.ts";
import { parentPath } from "../../store/db/tree.ts";
import { rowIdAt } from "../../store/transport.ts";
import { tuidToBigInt } from "../../store/tuid.ts";

export interface RefCell {
  time: bigint | null;
  rowId: bigint;
  value: JsValue[];
  cleared: boolean;
}

const cmp = (a: RefCell, b: RefCell): number =>
  a.time !== b.time ? (a.time === null ? -1 : b.time === null ? 1 : a.time < b.time ? -1 : 1) : a.rowId < b.rowId ? -1 : a.rowId > b.rowId ? 1 : 0;

/** Every non-null cell of `component` at `entity`; static cells have time null, chunks without `timeline` are skipped. */
function cells(chunks: readonly Chunk[], entity: string, component: string, timeline: string): RefCell[] {
  const out: RefCell[] = [];
  for (const c of chunks) {
    if (c.entityPath !== entity) continue;
    const col = c.components.find((k) => k.descriptor.component === component);
    const times = c.timelines.find((t) => t.name === timeline)?.values ?? null;
    if (!col || (c.timelines.length > 0 && !times)) continue;
    for (let r = 0; r < c.numRows; r++) {
      if (!isValid(col.data, r)) continue;
      const value = valueAt(col.data, r) as JsValue[];
      out.push({ time: times ? times[r]! : null, rowId: tuidToBigInt(rowIdAt(c, r)), value, cleared: value.length === 0 });
    }
  }
  return out;
}

function latest(chunks: readonly Chunk[], entity: string, component: string, timeline: string, t: bigint): RefCell | null {
  const all = cells(chunks, entity, component, timeline);
  const statics = all.filter((c) => c.time === null);
  const pool = statics.length > 0 ? statics : all.filter((c) => c.time! <= t);
  return pool.reduce<RefCell | null>((best, c) => (best === null || cmp(c, best) > 0 ? c : best), null);
}

/** Latest-at by brute force, clears applied. */
export function refLatestAt(chunks: readonly Chunk[], entity: string, components: readonly string[], timeline: string, t: bigint): Map<string, RefCell> {
  let clear: RefCell | null = null;
  for (let p: string | null = entity; p !== null; p = parentPath(p)) {
    const h = latest(chunks, p, CLEAR_IS_RECURSIVE, timeline, t);
    if (h && (p === entity || h.value[0] === true) && (clear === null || cmp(h, clear) > 0)) clear = h;
  }
  const out = new Map<string, RefCell>();
  for (const name of components) {
    const h = latest(chunks, entity, name, timeline, t);
    if (!h) continue;
    out.set(name, clear && name !== CLEAR_IS_RECURSIVE && cmp(h, clear) <= 0 ? { ...clear, value: [], cleared: true } : h);
  }
  return out;
}

/** Range by brute force: static cell if any, else every cell in [t0, t1] in (time, rowId) order. */
export function refRange(chunks: readonly Chunk[], entity: string, component: string, timeline: string, t0: bigint, t1: bigint): RefCell[] {
  const all = cells(chunks, entity, component, timeline);
  const statics = all.filter((c) => c.time === null);
  if (statics.length > 0) return [statics.reduce((a, b) => (cmp(b, a) >= 0 ? b : a))];
  return all.filter((c) => c.time! >= t0 && c.time! <= t1).sort(cmp);
}
