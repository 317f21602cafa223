/**
 * Arrow IPC stream writer over our minimal model: Schema message, one RecordBatch message, EOS.
 * Metadata V5, little endian, continuation markers, metadata and body buffers padded to 8 bytes.
 */

import { buildFlatbuffer, i16, i32, i64, nums, table, u8, vec, type FbTableValue, type FbValue } from "./flatbuf.ts";
import type { ArrayData, DataType, Field, RecordBatch, Schema } from "./types.ts";

const V5 = 4;
const HEADER_SCHEMA = 1;
const HEADER_RECORD_BATCH = 3;
const TIME_UNITS = ["s", "ms", "us", "ns"];
const EMPTY = new Uint8Array(0);

const pad8 = (n: number): number => Math.ceil(n / 8) * 8;

/** Serializes one record batch as an Arrow IPC stream (Schema, RecordBatch, EOS marker). */
export function writeIpcStream(batch: RecordBatch): Uint8Array {
  if (batch.columns.length !== batch.schema.fields.length) {
    throw new Error(`RecordBatch has ${batch.columns.length} columns but ${batch.schema.fields.length} fields`);
  }
  const nodes: number[] = [];
  const buffers: Uint8Array[] = [];
  batch.columns.forEach((col, i) => {
    if (col.length !== batch.length) throw new Error(`Column '${batch.schema.fields[i]!.name}' has length ${col.length}, expected ${batch.length}`);
    collect(col, nodes, buffers);
  });
  const spans: number[] = [];
  let bodyLength = 0;
  for (const b of buffers) {
    spans.push(bodyLength, b.length);
    bodyLength += pad8(b.length);
  }
  const schemaMeta = buildFlatbuffer(message(HEADER_SCHEMA, schemaTable(batch.schema), 0));
  const batchMeta = buildFlatbuffer(
    message(HEADER_RECORD_BATCH, table(i64(batch.length), nums(8, 2, nodes), nums(8, 2, spans)), bodyLength),
  );
  const out = new Uint8Array(8 + schemaMeta.length + 8 + batchMeta.length + bodyLength + 8);
  const dv = new DataView(out.buffer);
  let pos = 0;
  for (const meta of [schemaMeta, batchMeta]) {
    dv.setInt32(pos, -1, true);
    dv.setInt32(pos + 4, meta.length, true);
    out.set(meta, pos + 8);
    pos += 8 + meta.length;
  }
  buffers.forEach((b, i) => out.set(b, pos + spans[2 * i]!));
  dv.setInt32(pos + bodyLength, -1, true);
  return out;
}

function message(headerType: number, header: FbTableValue, bodyLength: number): FbTableValue {
  return table(i16(V5), u8(headerType), header, i64(bodyLength));
}

function metadata(m: Map<string, string>): FbValue | null {
  return m.size === 0 ? null : vec([...m].map(([k, v]) => table(k, v)));
}

function schemaTable(s: Schema): FbTableValue {
  return table(i16(0), vec(s.fields.map(fieldTable)), metadata(s.metadata));
}

function fieldTable(f: Field): FbTableValue {
  const [tag, params, children] = typeTable(f.type);
  return table(f.name, u8(f.nullable ? 1 : 0), u8(tag), params, null, vec(children.map(fieldTable)), metadata(f.metadata));
}

/** The flatbuffer Type union tag, its parameter table and the child fields of `t`. */
function typeTable(t: DataType): [number, FbTableValue, Field[]] {
  switch (t.kind) {
    case "null": return [1, table(), []];
    case "int": return [2, table(i32(t.bits), u8(t.signed ? 1 : 0)), []];
    case "float": return [3, table(i16(t.bits === 16 ? 0 : t.bits === 32 ? 1 : 2)), []];
    case "binary": return [4, table(), []];
    case "utf8": return [5, table(), []];
    case "bool": return [6, table(), []];
    case "timestamp": return [10, table(i16(TIME_UNITS.indexOf(t.unit)), t.tz), []];
    case "list": return [12, table(), [t.child]];
    case "struct": return [13, table(), t.children];
    case "union": return [14, table(i16(t.mode === "sparse" ? 0 : 1), nums(4, 1, t.typeIds)), t.children];
    case "fixed_size_binary": return [15, table(i32(t.size)), []];
    case "fixed_size_list": return [16, table(i32(t.size)), [t.child]];
    case "large_binary": return [19, table(), []];
    case "large_utf8": return [20, table(), []];
    case "large_list": return [21, table(), [t.child]];
  }
}

/** The first `count` elements of `ta` as bytes (throws if `ta` is shorter). */
function bytesOf(ta: (ArrayBufferView & { length: number; BYTES_PER_ELEMENT: number }) | null, count: number, what: string): Uint8Array {
  if (!ta || ta.length < count) throw new Error(`${what} holds fewer than ${count} elements`);
  return new Uint8Array(ta.buffer, ta.byteOffset, count * ta.BYTES_PER_ELEMENT);
}

/** Appends the field nodes and body buffers of `a` (depth first, IPC order). */
function collect(a: ArrayData, nodes: number[], buffers: Uint8Array[]): void {
  const t = a.type;
  const n = a.length;
  const want = "children" in t ? t.children.length : "child" in t ? 1 : 0;
  if (a.children.length !== want) throw new Error(`A ${t.kind} array has ${a.children.length} children, expected ${want}`);
  if (t.kind === "null") {
    nodes.push(n, n);
    return;
  }
  if (t.kind === "union") {
    nodes.push(n, 0);
    buffers.push(bytesOf(a.typeIds, n, "Union type ids"));
    if (t.mode === "dense") buffers.push(bytesOf(a.offsets, n, "Union offsets"));
    a.children.forEach((c) => collect(c, nodes, buffers));
    return;
  }
  const hasNulls = a.validity !== null && a.nullCount > 0;
  nodes.push(n, hasNulls ? a.nullCount : 0);
  buffers.push(hasNulls ? bytesOf(a.validity, Math.ceil(n / 8), "Validity bitmap") : EMPTY);
  switch (t.kind) {
    case "bool":
      buffers.push(bytesOf(a.values, Math.ceil(n / 8), "Bool bitmap"));
      break;
    case "int":
    case "float":
    case "timestamp":
      buffers.push(bytesOf(a.values, n, "Values"));
      break;
    case "fixed_size_binary":
      buffers.push(bytesOf(a.values, n * t.size, "Fixed-size binary values"));
      break;
    case "utf8":
    case "binary":
    case "large_utf8":
    case "large_binary":
      buffers.push(bytesOf(a.offsets, n + 1, "Offsets"), bytesOf(a.values, Number(a.offsets![n]!), "Byte values"));
      break;
    case "list":
    case "large_list":
      buffers.push(bytesOf(a.offsets, n + 1, "List offsets"));
      break;
  }
  a.children.forEach((c) => collect(c, nodes, buffers));
}
