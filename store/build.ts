/**
 * Builds Rerun 0.22 chunks row by row (tests, tools and the TypeScript SDK). Output is accepted by
 * `chunkToIpc` and reads back identically through `chunkFromIpc`.
 *
 *   const chunk = chunkBuilder("/points")
 *     .row({ frame: 3, log_time: timeNs(t) }, [batch(POSITIONS, fsl(3, F32), [[1, 2, 3]])])
 *     .row({ frame: 4, log_time: timeNs(t + 1n) }, [batch(POSITIONS, fsl(3, F32), [])]) // empty = cleared
 *     .build();
 *
 * A component missing from a row is absent there (null list entry); rows without times make a static chunk.
 */
import { ArrayBuilder, sameType } from "./arrow/concat.ts";
import { arrayFromValues, item, NULL, U64 } from "./arrow/make.ts";
import type { ArrayData, DataType, Field } from "./arrow/types.ts";
import type { JsValue } from "./arrow/values.ts";
import type { Chunk, ComponentColumn, ComponentDescriptor, TimeColumn } from "./chunk.ts";
import type { TimeType, Tuid } from "./logmsg.ts";
import { descriptorKey, ROW_ID } from "./transport.ts";
import { newTuid, tuidCompare } from "./tuid.ts";

/** The instances one row logs for one component. */
export interface Batch {
  descriptor: ComponentDescriptor;
  array: ArrayData;
}

/** A value on a Time timeline (nanoseconds since the epoch); plain numbers/bigints are Sequence values. */
export interface TimeNs {
  ns: bigint;
}

/** A row's value on one timeline. */
export type TimeValue = bigint | number | TimeNs;

/** A component descriptor; archetype tags are optional. */
export function descriptor(component: string, archetype: string | null = null, archetypeField: string | null = null): ComponentDescriptor {
  return { component, archetype, archetypeField };
}

/** A batch of `values` of instance type `type` (e.g. `batch(desc, fsl(3, F32), [[1, 2, 3]])`); `[]` clears. */
export function batch(desc: string | ComponentDescriptor, type: DataType, values: readonly JsValue[]): Batch {
  return { descriptor: typeof desc === "string" ? descriptor(desc) : desc, array: arrayFromValues(type, values) };
}

/** The indicator batch of an archetype (§4.7): `rerun.archetypes.Points3D` → `rerun.components.Points3DIndicator` = [null]. */
export function indicator(archetype: string): Batch {
  return batch(`${archetype.replace(".archetypes.", ".components.")}Indicator`, NULL, [null]);
}

/** A Time-timeline value in nanoseconds. */
export function timeNs(ns: bigint | number): TimeNs {
  return { ns: BigInt(ns) };
}

/** The row-id field of the 0.22 transport schema. */
export const ROW_ID_FIELD: Field = {
  name: ROW_ID,
  type: { kind: "struct", children: ["time_ns", "inc"].map((name) => ({ ...item(U64, false), name })) },
  nullable: false,
  metadata: new Map([["rerun.kind", "control"]]),
};

/** The field of a time column (`rerun.is_sorted` only when `sorted`). */
export function timeField(name: string, type: TimeType, sorted: boolean): Field {
  const metadata = new Map(sorted ? [["rerun.is_sorted", ""]] : []);
  metadata.set("rerun.kind", "time");
  const t: DataType = type === "Time" ? { kind: "timestamp", unit: "ns", tz: null } : { kind: "int", bits: 64, signed: true };
  return { name, type: t, nullable: false, metadata };
}

/** The field of a component column: `List<item: T>` with the descriptor's archetype tags. */
export function componentField(d: ComponentDescriptor, itemType: DataType): Field {
  const metadata = new Map<string, string>();
  if (d.archetypeField !== null) metadata.set("rerun.archetype_field_name", d.archetypeField);
  if (d.archetype !== null) metadata.set("rerun.archetype_name", d.archetype);
  metadata.set("rerun.kind", "data");
  return { name: d.component, type: { kind: "list", child: item(itemType) }, nullable: true, metadata };
}

interface Row {
  rowId: Tuid;
  times: Map<string, { type: TimeType; value: bigint }>;
  batches: Map<string, Batch>;
}

/** Accumulates rows of one entity; `build()` makes the chunk. */
export class ChunkBuilder {
  private readonly rows: Row[] = [];

  constructor(readonly entityPath: string) {}

  /** Adds a row: its times per timeline, its component batches and optionally its row id. */
  row(times: Record<string, TimeValue>, batches: readonly Batch[], rowId: Tuid = newTuid()): this {
    const t = new Map<string, { type: TimeType; value: bigint }>();
    for (const name in times) {
      const v = times[name]!;
      t.set(name, typeof v === "object" ? { type: "Time", value: v.ns } : { type: "Sequence", value: BigInt(v) });
    }
    const b = new Map<string, Batch>();
    for (const x of batches) b.set(keyOf(x.descriptor), x);
    this.rows.push({ rowId, times: t, batches: b });
    return this;
  }

  /** The chunk of all rows so far (throws if rows disagree on timelines or component types). */
  build(id: Tuid = newTuid()): Chunk {
    const rows = this.rows;
    const first = rows[0]?.times ?? new Map();
    for (const r of rows) {
      let same = r.times.size === first.size;
      for (const [n, v] of r.times) same &&= first.get(n)?.type === v.type;
      if (!same) throw new Error(`all rows of a chunk need the same timelines (${[...first].map(([n, v]) => `${n}:${v.type}`).sort().join(",")})`);
    }
    const timelines: TimeColumn[] = [...first].map(([name, { type }]) => {
      const values = BigInt64Array.from(rows, (r) => r.times.get(name)!.value);
      const sorted = values.every((v, i) => i === 0 || values[i - 1]! <= v);
      return { name, type, values, sorted, field: timeField(name, type, sorted) };
    });
    return {
      id,
      entityPath: this.entityPath,
      isSorted: rows.every((r, i) => i === 0 || tuidCompare(rows[i - 1]!.rowId, r.rowId) < 0),
      numRows: rows.length,
      rowIdTimeNs: BigUint64Array.from(rows, (r) => r.rowId.timeNs),
      rowIdInc: BigUint64Array.from(rows, (r) => r.rowId.inc),
      timelines,
      components: this.columns(),
      rowIdField: ROW_ID_FIELD,
      schemaMetadata: new Map(),
    };
  }

  private columns(): ComponentColumn[] {
    const descs = new Map<string, Batch>();
    for (const r of this.rows) for (const [k, b] of r.batches) if (!descs.has(k)) descs.set(k, b);
    return [...descs].map(([key, { descriptor: d, array }]) => {
      const field = componentField(d, array.type);
      const b = new ArrayBuilder(field.type);
      for (const r of this.rows) {
        const a = r.batches.get(key)?.array ?? null;
        if (a && !sameType(a.type, array.type)) throw new Error(`component '${d.component}' changes type within the chunk`);
        b.append(listRow(field.type, a ?? array, a !== null));
      }
      return { descriptor: d, itemType: array.type, data: b.seal(), field };
    });
  }
}

/** Descriptor keys, computed once per descriptor object (archetypes reuse theirs for every row). */
const keys = new WeakMap<ComponentDescriptor, string>();

function keyOf(d: ComponentDescriptor): string {
  let k = keys.get(d);
  if (k === undefined) keys.set(d, (k = descriptorKey(d)));
  return k;
}

/** A new builder for `entityPath`. */
export function chunkBuilder(entityPath: string): ChunkBuilder {
  return new ChunkBuilder(entityPath);
}

/** A one-row list array holding `a` (or a null entry when `!valid`). */
function listRow(type: DataType, a: ArrayData, valid: boolean): ArrayData {
  return {
    type,
    length: 1,
    nullCount: valid ? 0 : 1,
    validity: valid ? null : new Uint8Array(1),
    offsets: Int32Array.of(0, valid ? a.length : 0),
    values: null,
    typeIds: null,
    children: [a],
  };
}
