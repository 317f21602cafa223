/** Chunk ↔ Arrow record batch, the 0.22 transport schema (spec §4). */
import { type ArrayData, type DataType, type Field, NO_CHILDREN, type RecordBatch, type Schema } from "./arrow/types.ts";
import { readIpc, readIpcStream } from "./arrow/read.ts";
import { build, type Layout } from "./arrow/replay.ts";
import { writeIpcStream } from "./arrow/write.ts";
import type { Chunk, ChunkShape, ComponentColumn, ComponentDescriptor, TimeColumn } from "./chunk.ts";
import { i64le } from "./dataview.ts";
import { compareStr } from "./envelope.ts";
import type { TimePoint, Tuid } from "./logmsg.ts";
import { tuidFromHex, tuidToBigInt } from "./tuid.ts";

export const ROW_ID = "rerun.controls.RowId";
const U64: DataType = { kind: "int", bits: 64, signed: false };

/** Thrown when a record batch is not a valid Rerun chunk. */
export class ChunkError extends Error {
  override name = "ChunkError";
}

/** Parses a chunk from Arrow IPC bytes. */
export function chunkFromIpc(ipc: Uint8Array): Chunk {
  return chunkFromBatch(readIpcStream(ipc));
}

/** Parses a chunk from Arrow IPC bytes like `chunkFromIpc`, except that a one-row chunk of a known layout comes unmade, as a `ChunkRow`. */
export function readChunk(ipc: Uint8Array): Chunk | ChunkRow {
  const r = readIpc(ipc);
  if (!("layout" in r)) return chunkFromBatch(r);
  const row = new ChunkRow(headOf(r.schema), r.layout, r.body);
  // The checks on the columns depend on the layout alone: made once per layout, the first chunk shows them.
  if (!checked.has(r.layout)) (row.chunk(), checked.add(r.layout));
  return row;
}

/** Layouts whose chunks passed the column checks of `chunkOf`. */
const checked = new WeakSet<Layout>();

/** What a chunk's schema gives: everything but the columns. */
interface Head {
  id: Tuid;
  entityPath: string;
  isSorted: boolean;
  schemaMetadata: Map<string, string>;
  shape: Plan;
}

/**
 * A one-row chunk read from IPC up to its remembered layout (see arrow/replay.ts): its id, entity path and
 * metadata are read, its arrays are made only by `chunk()`. The store queues such a row straight from `body`.
 */
export class ChunkRow implements Head {
  readonly id: Tuid;
  readonly entityPath: string;
  readonly isSorted: boolean;
  readonly schemaMetadata: Map<string, string>;
  readonly shape: Plan;

  constructor(head: Head, readonly layout: Layout, readonly body: Uint8Array) {
    this.id = head.id;
    this.entityPath = head.entityPath;
    this.isSorted = head.isSorted;
    this.schemaMetadata = head.schemaMetadata;
    this.shape = head.shape;
  }

  /** The chunk, as `chunkFromIpc` reads it. */
  chunk(): Chunk {
    return chunkOf(this, build(this.layout, this.body), 1);
  }

  /** The row's time on the `k`-th timeline of its shape. */
  time(k: number): bigint {
    const v = this.layout.columns[this.shape.times[k]!.i]!.values!;
    return i64le(this.body, v.at);
  }
}

/** Encodes a chunk as Arrow IPC bytes that Rerun 0.22 accepts. */
export function chunkToIpc(chunk: Chunk): Uint8Array {
  return writeIpcStream(chunkToBatch(chunk));
}

/** What a schema's fields say about a chunk: computed once per fields array (the IPC reader shares recurring ones). */
export interface Plan extends ChunkShape {
  rowId: number;
  times: { i: number; name: string; type: TimeColumn["type"]; sorted: boolean; field: Field }[];
  comps: { i: number; descriptor: ComponentDescriptor; itemType: DataType; field: Field }[];
  types: DataType[];
}
const plans = new WeakMap<Field[], Plan>();

/** Reads a chunk out of a record batch (also accepts the 0.17 DataTable layout). */
export function chunkFromBatch(batch: RecordBatch): Chunk {
  return chunkOf(headOf(batch.schema), batch.columns, batch.length);
}

/** Reads what a chunk's schema says (id, entity path, order, column plan); throws `ChunkError` when it is not a chunk's. */
function headOf(schema: Schema): Head {
  const meta = schema.metadata;
  const idText = meta.get("rerun.id") ?? meta.get("rerun.controls.TableId");
  if (idText === undefined) throw new ChunkError(`chunk id missing from metadata (${[...meta.keys()].join(", ")})`);
  const id = tuidFromHex(idText);
  if (id === null) throw new ChunkError(`cannot deserialize chunk id: ${JSON.stringify(idText)}`);
  const entityPath = meta.get("rerun.entity_path");
  if (entityPath === undefined) throw new ChunkError("entity path missing from metadata");
  const fields = schema.fields;
  let plan = plans.get(fields);
  if (!plan) plans.set(fields, (plan = planOf(fields)));
  return { id, entityPath, isSorted: meta.has("rerun.is_sorted"), schemaMetadata: meta, shape: plan };
}

/** The chunk of `head` with columns `cols` (schema order) of `n` rows. */
function chunkOf(head: Head, cols: ArrayData[], n: number): Chunk {
  const plan = head.shape;
  const timelines: TimeColumn[] = [];
  for (const { i, name, type, sorted, field } of plan.times) {
    const col = cols[i]!;
    if (col.nullCount > 0) throw new ChunkError(`Bad time column '${name}': it contains nulls`);
    timelines.push({ name, type, values: col.values as BigInt64Array, sorted, field });
  }
  const components: ComponentColumn[] = [];
  for (const { i, descriptor, itemType, field } of plan.comps) components.push({ descriptor, itemType, data: cols[i]!, field });
  const ids = cols[plan.rowId]!;
  if (ids.nullCount > 0) throw new ChunkError(`RowId data has the wrong datatype: expected Struct<time_ns: UInt64, inc: UInt64> but got ${typeName(ids.type)} instead`);
  for (const c of timelines) if (c.values.length !== n) throw lengthError(c.values.length, n);
  for (const c of components) if (c.data.length !== n) throw lengthError(c.data.length, n);
  return {
    id: head.id,
    entityPath: head.entityPath,
    isSorted: head.isSorted,
    numRows: n,
    rowIdTimeNs: ids.children[0]!.values as BigUint64Array,
    rowIdInc: ids.children[1]!.values as BigUint64Array,
    timelines,
    components,
    rowIdField: plan.rowIdField,
    schemaMetadata: head.schemaMetadata,
    schemaKey: plan.key,
    shape: plan,
  };
}

function lengthError(a: number, b: number): ChunkError {
  return new ChunkError(`All component batches in a chunk must have the same number of rows, got ${a} and ${b}`);
}

/** Classifies the fields (row id, timelines, components) and checks everything that depends on them alone. */
function planOf(fields: Field[]): Plan {
  let rowId = -1;
  const plan: Plan = { rowId, times: [], comps: [], key: "", rowIdField: fields[0]!, types: [] };
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    const kind = field.metadata.get("rerun.kind");
    if (kind === "control" && field.name === ROW_ID) {
      rowId = i;
    } else if (kind === "time") {
      const t = field.type;
      const ok = (t.kind === "int" && t.bits === 64 && t.signed) || (t.kind === "timestamp" && t.unit === "ns" && t.tz === null);
      if (!ok) throw new ChunkError(`time column '${field.name}' is not deserializable (${typeName(t)})`);
      plan.times.push({ i, name: field.name, type: t.kind === "int" ? "Sequence" : "Time", sorted: field.metadata.has("rerun.is_sorted"), field });
    } else if (kind === "data") {
      const t = field.type;
      if (t.kind !== "list") throw new ChunkError(`The outer array in a chunked component batch must be a sparse list, got ${typeName(t)}`);
      const descriptor: ComponentDescriptor = {
        component: field.name,
        archetype: field.metadata.get("rerun.archetype_name") ?? null,
        archetypeField: field.metadata.get("rerun.archetype_field_name") ?? null,
      };
      const key = descriptorKey(descriptor);
      if (seen.has(key)) throw new ChunkError(`component column '${field.name}' was specified more than once`);
      seen.add(key);
      plan.comps.push({ i, descriptor, itemType: t.child.type, field });
    }
  });
  if (rowId < 0) throw new ChunkError(`missing row_id column (${fields.map((f) => f.name).join(", ")})`);
  const t = fields[rowId]!.type;
  if (t.kind !== "struct" || t.children.length !== 2 || t.children[0]!.name !== "time_ns" || t.children[1]!.name !== "inc" || !isU64(t.children[0]!.type) || !isU64(t.children[1]!.type)) {
    throw new ChunkError(`RowId data has the wrong datatype: expected Struct<time_ns: UInt64, inc: UInt64> but got ${typeName(t)} instead`);
  }
  if (new Set(plan.times.map((c) => c.name)).size !== plan.times.length) throw new ChunkError("a timeline appears twice in the chunk");
  plan.rowId = rowId;
  plan.rowIdField = fields[rowId]!;
  plan.types = plan.comps.map((c) => c.field.type);
  plan.key = layoutKey(plan.times, plan.comps);
  return plan;
}

/** Builds the record batch of a chunk: row ids, then timelines and components sorted by name. */
export function chunkToBatch(chunk: Chunk): RecordBatch {
  const n = chunk.numRows;
  const meta = new Map(chunk.schemaMetadata);
  meta.delete("rerun.controls.TableId");
  meta.set("rerun.entity_path", chunk.entityPath);
  meta.set("rerun.id", tuidToBigInt(chunk.id).toString(16).toUpperCase());
  if (!meta.has("rerun.heap_size_bytes")) meta.set("rerun.heap_size_bytes", String(chunkHeapSize(chunk)));
  if (chunk.isSorted) meta.set("rerun.is_sorted", "");
  else meta.delete("rerun.is_sorted");
  const sortedMeta = new Map([...meta].sort((a, b) => compareStr(a[0], b[0])));
  const times = [...chunk.timelines].sort((a, b) => compareStr(a.name, b.name));
  const comps = [...chunk.components].sort((a, b) => compareStr(a.field.name, b.field.name));
  const rowIdData: ArrayData = {
    type: chunk.rowIdField.type,
    length: n,
    nullCount: 0,
    validity: null,
    offsets: null,
    values: null,
    typeIds: null,
    children: [primitive(U64, chunk.rowIdTimeNs), primitive(U64, chunk.rowIdInc)],
  };
  return {
    schema: { fields: [chunk.rowIdField, ...times.map((t) => t.field), ...comps.map((c) => c.field)], metadata: sortedMeta },
    length: n,
    columns: [rowIdData, ...times.map((t) => primitive(t.field.type, t.values)), ...comps.map((c) => c.data)],
  };
}

/** The envelope's `timepoint_max`: per timeline, the largest time in the chunk. */
export function chunkTimepointMax(chunk: Chunk): TimePoint {
  const out: TimePoint = [];
  for (const t of chunk.timelines) {
    if (t.values.length === 0) continue;
    let max = t.values[0]!;
    if (t.sorted) max = t.values[t.values.length - 1]!;
    else for (const v of t.values) if (v > max) max = v;
    out.push({ timeline: { name: t.name, typ: t.type }, value: max });
  }
  return out;
}

/** What the component columns are (descriptor, item type, field), from the shape when the chunk has one: a chunk kept as its IPC bytes then makes no arrays for it. */
export function componentHeads(chunk: Chunk): readonly Omit<ComponentColumn, "data">[] {
  return chunk.shape?.comps ?? chunk.components;
}

/** True if the arrays of `chunk` view the memory of `ipc` (it was read from those bytes in place, not from a copy). */
export function viewsIpc(chunk: Chunk, ipc: Uint8Array): boolean {
  return chunk.rowIdTimeNs.buffer === ipc.buffer;
}

/** The index of the (first) column of component `name`, or -1. */
export function componentIndex(chunk: Chunk, name: string): number {
  const cs = componentHeads(chunk);
  for (let k = 0; k < cs.length; k++) if (cs[k]!.descriptor.component === name) return k;
  return -1;
}

/** The row id of row `i`. */
export function rowIdAt(chunk: Pick<Chunk, "rowIdTimeNs" | "rowIdInc">, i: number): Tuid {
  return { timeNs: chunk.rowIdTimeNs[i]!, inc: chunk.rowIdInc[i]! };
}

/** Bytes held by the chunk's buffers (Rerun's `heap_size_bytes` estimate). */
export function chunkHeapSize(chunk: Chunk): number {
  let n = chunk.rowIdTimeNs.byteLength + chunk.rowIdInc.byteLength;
  for (const t of chunk.timelines) n += t.values.byteLength;
  for (const c of chunk.components) n += arrayBytes(c.data);
  return n;
}

/** Bytes held by an array's buffers, children included. */
export function arrayBytes(a: ArrayData): number {
  let n = (a.validity?.byteLength ?? 0) + (a.offsets?.byteLength ?? 0) + (a.values?.byteLength ?? 0) + (a.typeIds?.byteLength ?? 0);
  for (const c of a.children) n += arrayBytes(c);
  return n;
}

/** The key of a chunk's column layout: equal keys mean the same timelines and component descriptors, in the same order. */
export function layoutKey(times: readonly { name: string; type: TimeColumn["type"] }[], comps: readonly { descriptor: ComponentDescriptor }[]): string {
  // Every name is length-prefixed, so no name (whatever it contains) can make two layouts share a key.
  let key = "";
  for (const t of times) key += `T${t.type === "Time" ? "t" : "s"}${keyPart(t.name)}`;
  for (const { descriptor: d } of comps) key += `C${keyPart(d.archetype)}${keyPart(d.archetypeField)}${keyPart(d.component)}`;
  return key;
}

function keyPart(s: string | null): string {
  return s === null ? "~" : `${s.length}:${s}`;
}

/** A stable key for a component descriptor. */
export function descriptorKey(d: ComponentDescriptor): string {
  return `${d.archetype ?? ""}:${d.archetypeField ?? ""}:${d.component}`;
}

function primitive(type: DataType, values: BigInt64Array | BigUint64Array): ArrayData {
  return { type, length: values.length, nullCount: 0, validity: null, offsets: null, values, typeIds: null, children: NO_CHILDREN };
}

function isU64(t: DataType): boolean {
  return t.kind === "int" && t.bits === 64 && !t.signed;
}

/** A short human-readable name of an Arrow type, e.g. `List<FixedSizeList<3, Float32>>`. */
export function typeName(t: DataType): string {
  switch (t.kind) {
    case "null": return "Null";
    case "bool": return "Boolean";
    case "int": return `${t.signed ? "Int" : "UInt"}${t.bits}`;
    case "float": return `Float${t.bits}`;
    case "utf8": return "Utf8";
    case "binary": return "Binary";
    case "large_utf8": return "LargeUtf8";
    case "large_binary": return "LargeBinary";
    case "fixed_size_binary": return `FixedSizeBinary(${t.size})`;
    case "timestamp": return `Timestamp(${t.unit}${t.tz ? `, ${t.tz}` : ""})`;
    case "list": return `List<${typeName(t.child.type)}>`;
    case "large_list": return `LargeList<${typeName(t.child.type)}>`;
    case "fixed_size_list": return `FixedSizeList<${t.size}, ${typeName(t.child.type)}>`;
    case "struct": return `Struct<${t.children.map((c) => `${c.name}: ${typeName(c.type)}`).join(", ")}>`;
    case "union": return `${t.mode === "dense" ? "Dense" : "Sparse"}Union<${t.children.map((c) => `${c.name}: ${typeName(c.type)}`).join(", ")}>`;
  }
}
