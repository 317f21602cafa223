/** The chunks a range query or a time-sliced download answers with: static chunks, then the rows in range. */
import type { Chunk } from "../../store/chunk.ts";
import type { EntityDb } from "../../store/db/entity-db.ts";
import { RowKeys, words } from "../../store/db/keys.ts";
import { type Slot, TimeSpan } from "../../store/db/slot.ts";
import { pickComponents, takeRows } from "../../store/slice.ts";
import { underPrefix } from "./params.ts";

/** Which rows: entities under `prefix`, `components` (null: all), times in [from, to] on `timeline` (null: every row). */
export interface Selection {
  timeline: string | null;
  from: bigint;
  to: bigint;
  prefix: string;
  components: Set<string> | null;
}

/** Per entity (by path): its static chunks, then its chunks on the timeline by first time, sliced to the range. */
export function* selectChunks(db: EntityDb, sel: Selection): Generator<Chunk> {
  const paths = db.entityPaths().filter((p) => underPrefix(p, sel.prefix)).sort();
  for (const path of paths) {
    const slots = [...(db.entity(path)?.slots ?? [])];
    const statics = slots.filter((s) => s.isStatic);
    const temporal = slots.filter((s) => !s.isStatic && (sel.timeline === null || s.span(sel.timeline) !== undefined));
    if (sel.timeline !== null) {
      const name = sel.timeline;
      temporal.sort((a, b) => TimeSpan.byMin(a.span(name)!, b.span(name)!));
    }
    for (const slot of [...statics, ...temporal]) {
      const chunk = slice(slot, sel);
      if (chunk) yield chunk;
    }
  }
}

/** The selected part of one stored chunk, or null if nothing of it is selected. */
function slice(slot: Slot, sel: Selection): Chunk | null {
  // Outside the range: the chunk is not read (a chunk kept as its IPC bytes is not made, see store/db/kept.ts).
  const span = slot.isStatic || sel.timeline === null ? null : slot.span(sel.timeline)!;
  if (span !== null && (span.max < sel.from || span.min > sel.to)) return null;
  const comps = sel.components;
  const chunk = comps ? pickComponents(slot.chunk, (c) => comps.has(c.descriptor.component)) : slot.chunk;
  if (chunk.components.length === 0) return null;
  if (span === null || (span.min >= sel.from && span.max <= sel.to)) return chunk;
  const rows = rowsBetween(chunk, span.name, sel.from, sel.to);
  return rows.length > 0 ? takeRows(chunk, rows) : null;
}

/** The rows of `chunk` whose time on `timeline` is in [from, to], in row order (word compares, no BigInt per row). */
export function rowsBetween(chunk: Chunk, timeline: string, from: bigint, to: bigint): Int32Array {
  const times = chunk.timelines.find((t) => t.name === timeline)!.values;
  const keys = new RowKeys(chunk, times), lo = words(from), hi = words(to);
  const out = new Int32Array(chunk.numRows);
  let n = 0;
  for (let i = 0; i < chunk.numRows; i++) if (keys.cmpTime(i, lo) >= 0 && keys.cmpTime(i, hi) <= 0) out[n++] = i;
  return out.subarray(0, n);
}
