/** The chunk of one `sendColumns` call: one row per index value, no log_time/log_tick (as in Rerun). */
import { componentField, ROW_ID_FIELD, timeField } from "../store/build.ts";
import type { Chunk, ComponentColumn as ChunkComponent, TimeColumn } from "../store/chunk.ts";
import { descriptorKey } from "../store/transport.ts";
import { newTuid } from "../store/tuid.ts";
import type { ComponentColumn, TimeColumnLike } from "./columns.ts";

/** Builds the chunk; throws if the columns disagree on the number of rows or repeat a timeline or component. */
export function columnsChunk(entityPath: string, indexes: readonly TimeColumnLike[], columns: readonly ComponentColumn[]): Chunk {
  const n = indexes[0]?.times.length ?? columns[0]?.rows ?? 0;
  for (const t of indexes) if (t.times.length !== n) throw new RangeError(`timeline '${t.timeline}' has ${t.times.length} rows, expected ${n}`);
  for (const c of columns) if (c.rows !== n) throw new RangeError(`component '${c.descriptor.component}' has ${c.rows} rows, expected ${n}`);
  if (new Set(indexes.map((t) => t.timeline)).size !== indexes.length) throw new RangeError("a timeline is given twice");
  if (new Set(columns.map((c) => descriptorKey(c.descriptor))).size !== columns.length) throw new RangeError("a component is given twice");
  const timelines: TimeColumn[] = indexes.map((t) => {
    const sorted = t.times.every((v, i) => i === 0 || t.times[i - 1]! <= v);
    return { name: t.timeline, type: t.type, values: t.times, sorted, field: timeField(t.timeline, t.type, sorted) };
  });
  const components: ChunkComponent[] = columns.map((c) => ({
    descriptor: c.descriptor,
    itemType: c.instances.type,
    data: c.listArray(),
    field: componentField(c.descriptor, c.instances.type),
  }));
  const rowIdTimeNs = new BigUint64Array(n), rowIdInc = new BigUint64Array(n);
  for (let i = 0; i < n; i++) {
    const id = newTuid();
    rowIdTimeNs[i] = id.timeNs;
    rowIdInc[i] = id.inc;
  }
  return { id: newTuid(), entityPath, isSorted: true, numRows: n, rowIdTimeNs, rowIdInc, timelines, components, rowIdField: ROW_ID_FIELD, schemaMetadata: new Map() };
}
