/** Latest-at answers: per entity, one 1-row chunk with each component's latest value at a time (docs/API.md). */
import { ArrayBuilder } from "../../store/arrow/concat.ts";
import type { ArrayData, DataType } from "../../store/arrow/types.ts";
import { ROW_ID_FIELD, timeField } from "../../store/build.ts";
import type { Chunk, ComponentColumn, TimeColumn } from "../../store/chunk.ts";
import type { EntityDb } from "../../store/db/entity-db.ts";
import type { EntityIndex } from "../../store/db/entity-index.ts";
import type { Hit } from "../../store/db/query.ts";
import type { Tuid } from "../../store/logmsg.ts";
import { typeName } from "../../store/transport.ts";
import { newTuid, tuidCompare, tuidToString } from "../../store/tuid.ts";
import { underPrefix } from "./params.ts";

/** Field metadata: the time the value was logged at (decimal; absent for static data). */
export const QUERY_TIME = "rerun.query.time";
/** Field metadata: the row id of the value (32 hex digits). */
export const QUERY_ROW_ID = "rerun.query.row_id";

/** One chunk per entity under `prefix` holding data at `t` on `timeline`, entities by path. */
export function* latestChunks(db: EntityDb, timeline: string, t: bigint, prefix: string, components: Set<string> | null): Generator<Chunk> {
  const paths = db.entityPaths().filter((p) => underPrefix(p, prefix)).sort();
  for (const path of paths) {
    const ei = db.entity(path);
    if (!ei) continue;
    const names = [...new Set([...ei.statics.keys(), ...(ei.lists.get(timeline)?.keys() ?? [])])].filter((n) => !components || components.has(n));
    const hits = db.latestAt(path, names, timeline, t);
    if (hits.size > 0) yield latestChunk(ei, timeline, hits);
  }
}

function latestChunk(ei: EntityIndex, timeline: string, hits: Map<string, Hit>): Chunk {
  let rowId: Tuid | null = null;
  let time: TimeColumn | null = null;
  const components: ComponentColumn[] = [];
  for (const [name, hit] of hits) {
    if (!rowId || tuidCompare(hit.rowId, rowId) > 0) rowId = hit.rowId;
    if (hit.time !== null && (!time || hit.time > time.values[0]!)) {
      const type = hit.chunk.timelines.find((c) => c.name === timeline)!.type;
      time = { name: timeline, type, values: BigInt64Array.of(hit.time), sorted: true, field: timeField(timeline, type, true) };
    }
    // A Clear shadows the value: the hit is the Clear's cell, the answer an empty list of the component's own type.
    const own = hit.column.descriptor.component === name ? hit.column : columnOf(ei, timeline, name);
    const data = own === hit.column ? rowOf(own.data, hit.row) : emptyList(own.data.type);
    const metadata = new Map(own.field.metadata);
    if (hit.time !== null) metadata.set(QUERY_TIME, String(hit.time));
    metadata.set(QUERY_ROW_ID, tuidToString(hit.rowId));
    components.push({ ...own, data, field: { ...own.field, metadata } });
  }
  return {
    id: newTuid(),
    entityPath: ei.path,
    isSorted: true,
    numRows: 1,
    rowIdTimeNs: BigUint64Array.of(rowId!.timeNs),
    rowIdInc: BigUint64Array.of(rowId!.inc),
    timelines: time ? [time] : [],
    components,
    rowIdField: ROW_ID_FIELD,
    schemaMetadata: new Map(),
  };
}

/** A column of component `name` in one of the entity's chunks (static first, else on `timeline`). */
function columnOf(ei: EntityIndex, timeline: string, name: string): ComponentColumn {
  const chunk = ei.statics.get(name)?.slot.chunk ?? ei.lists.get(timeline)!.get(name)!.at(0).slot.chunk;
  return chunk.components.find((c) => c.descriptor.component === name)!;
}

/** Row `row` of a list array, as a 1-row array. */
function rowOf(data: ArrayData, row: number): ArrayData {
  const b = new ArrayBuilder(data.type);
  b.append(data, row, row + 1);
  return b.seal();
}

/** A 1-row list array holding an empty list (cleared). */
function emptyList(type: DataType): ArrayData {
  if (type.kind !== "list") throw new Error(`a component column must be a List, got ${typeName(type)}`);
  const child = new ArrayBuilder(type.child.type).seal();
  return { type, length: 1, nullCount: 0, validity: null, offsets: Int32Array.of(0, 0), values: null, typeIds: null, children: [child] };
}
