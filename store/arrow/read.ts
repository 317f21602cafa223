/**
 * Arrow IPC stream reader over our minimal model: one Schema message, exactly one RecordBatch.
 * Buffers become typed-array views over the input (no copies); every offset and length read
 * from the input is bounds-checked and malformed input throws a one-line Error.
 */

import { i32le } from "../dataview.ts";
import { valuesCtor } from "./ctors.ts";
import { FbReader, type FbTable } from "./flatbuf.ts";
import { checkOffsets } from "./offsets.ts";
import { build, checkBody, type Layout, match, record, type Span } from "./replay.ts";
import { remember, type Remembered, sameBytes } from "./same.ts";
import { type ArrayData, type DataType, type Field, NO_CHILDREN, type RecordBatch, type Schema, type TimeUnit, type Values } from "./types.ts";

const V5 = 4;
const V4 = 3;
const HEADER_SCHEMA = 1;
const HEADER_DICTIONARY = 2;
const HEADER_RECORD_BATCH = 3;
const MAX_DEPTH = 64;
/** The schema metadata key of a Rerun chunk's id: its value is unique to each chunk. */
const CHUNK_ID_KEY = "rerun.id";
const TIME_UNITS: TimeUnit[] = ["s", "ms", "us", "ns"];
const TYPE_NAMES = [
  "NONE", "Null", "Int", "FloatingPoint", "Binary", "Utf8", "Bool", "Decimal", "Date", "Time",
  "Timestamp", "Interval", "List", "Struct_", "Union", "FixedSizeBinary", "FixedSizeList", "Map",
  "Duration", "LargeBinary", "LargeUtf8", "LargeList", "RunEndEncoded", "BinaryView", "Utf8View",
  "ListView", "LargeListView",
];

interface Message {
  version: number;
  headerType: number;
  header: FbTable;
  reader: FbReader;
  body: Uint8Array;
  /** Where the next message starts. */
  end: number;
}

const NO_BODY = new Uint8Array(0);

/** Parses an Arrow IPC stream holding one schema and exactly one record batch into our model. */
export function readIpcStream(bytes: Uint8Array): RecordBatch {
  const r = readIpc(bytes);
  return "layout" in r ? { schema: r.schema, length: 1, columns: build(r.layout, r.body) } : r;
}

/** A one-row record batch whose layout was seen before (see replay.ts): its list offsets checked, its arrays not yet made. */
export interface LaidOut {
  schema: Schema;
  layout: Layout;
  body: Uint8Array;
}

/** Parses an Arrow IPC stream like `readIpcStream`, leaving a one-row batch of a known layout unmade. */
export function readIpc(bytes: Uint8Array): RecordBatch | LaidOut {
  // Typed-array views need an 8-aligned input; callers normally guarantee it, else copy once here.
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  let pos = 0;
  let schema: Schema | null = null;
  let first: Message | null = null;
  let batches = 0;
  for (;;) {
    const msg = nextMessage(bytes, pos);
    if (!msg) break;
    pos = msg.end;
    if (!schema) {
      if (msg.headerType !== HEADER_SCHEMA) throw new Error("IPC stream does not start with a Schema message");
      schema = readSchema(msg.header, msg.reader);
    } else if (msg.headerType === HEADER_RECORD_BATCH) {
      if (++batches === 1) first = msg;
    } else if (msg.headerType === HEADER_DICTIONARY) {
      throw new Error("Dictionary batches are not supported");
    } else {
      throw new Error(`Unexpected IPC message type ${msg.headerType} after the schema`);
    }
  }
  if (!schema) throw new Error("Empty IPC stream: no Schema message");
  if (!first) throw new Error("No RecordBatch in stream");
  if (batches > 1) throw new Error(`Found ${batches} batches in stream - expected just one.`);
  return readBatch(schema, first);
}

/** Reads one framed message at `pos`, or null at end-of-stream (EOS marker or end of input). */
function nextMessage(bytes: Uint8Array, pos: number): Message | null {
  if (pos === bytes.length) return null;
  if (pos + 4 > bytes.length) throw new Error(`IPC stream truncated in a message prefix at byte ${pos}`);
  let metaLen = i32le(bytes, pos);
  let metaStart = pos + 4;
  if (metaLen === -1) {
    if (pos + 8 > bytes.length) throw new Error(`IPC stream truncated in a message prefix at byte ${pos}`);
    metaLen = i32le(bytes, pos + 4);
    metaStart = pos + 8;
  }
  if (metaLen === 0) return null;
  if (metaLen < 0 || metaStart + metaLen > bytes.length) {
    throw new Error(`IPC message metadata length ${metaLen} at byte ${pos} exceeds the input`);
  }
  const reader = new FbReader(bytes.subarray(metaStart, metaStart + metaLen));
  const root = reader.root();
  const version = root.i16(0, 0);
  if (version !== V4 && version !== V5) throw new Error(`Unsupported IPC metadata version V${version + 1}`);
  const headerType = root.u8(1, 0);
  const header = root.table(2);
  if (!header) throw new Error(`IPC message at byte ${pos} has no header`);
  const bodyStart = metaStart + metaLen;
  const bodyLength = root.i64(3, 0);
  if (bodyLength < 0 || bodyStart + bodyLength > bytes.length) {
    throw new Error(`IPC message body length ${bodyLength} at byte ${pos} exceeds the input`);
  }
  const body = bodyLength === 0 ? NO_BODY : bytes.subarray(bodyStart, bodyStart + bodyLength);
  return { version, headerType, header, reader, body, end: bodyStart + bodyLength };
}

function readSchema(t: FbTable, r: FbReader): Schema {
  if (t.i16(0, 0) !== 0) throw new Error("Big-endian IPC streams are not supported");
  return { fields: readFields(t, r), metadata: t.keyValues(2, CHUNK_ID_KEY) };
}

/** Fields parsed from some bytes: `bytes` were the whole span read, starting `rel` bytes before the fields vector. */
interface ParsedFields extends Remembered {
  rel: number;
  count: number;
  work: number;
  fields: Field[];
}

/** Recently parsed field lists, new ones first and a hit swapped to the front: every chunk of a kind (e.g. each Points3D log call) repeats them. */
const recentFields: ParsedFields[] = [];
const RECENT_FIELDS = 16;

/**
 * The schema's fields. Parsing depends only on the bytes read, at positions relative to the fields vector,
 * so when those bytes recur the earlier (immutable, shared) result is returned, charging the same work.
 */
function readFields(t: FbTable, r: FbReader): Field[] {
  const v = t.vector(1, 4);
  if (!v) return [];
  for (let i = 0; i < recentFields.length; i++) {
    const p = recentFields[i]!;
    if (p.count === v.length && sameBytes(r.bytes, v.start - p.rel, p)) {
      r.charge(p.work);
      if (i > 0) (recentFields[i] = recentFields[0]!), (recentFields[0] = p);
      return p.fields;
    }
  }
  const budget = r.budget;
  r.track();
  const fields = r.tablesIn(v).map((f) => readField(f, 0));
  recentFields.unshift({ rel: v.start - r.lo, count: v.length, ...remember(r.bytes, r.lo, r.hi), work: budget - r.budget, fields });
  if (recentFields.length > RECENT_FIELDS) recentFields.pop();
  return fields;
}

function readField(t: FbTable, depth: number): Field {
  if (depth > MAX_DEPTH) throw new Error(`Schema nesting deeper than ${MAX_DEPTH} levels`);
  const name = t.string(0) ?? "";
  if (t.table(4)) throw new Error(`Dictionary-encoded field '${name}' is not supported`);
  const children = t.tables(5).map((c) => readField(c, depth + 1));
  const type = readType(name, t.u8(2, 0), t.table(3), children);
  return { name, type, nullable: t.u8(1, 0) !== 0, metadata: t.keyValues(6) };
}

function readType(name: string, tag: number, tt: FbTable | null, children: Field[]): DataType {
  const params = (): FbTable => {
    if (!tt) throw new Error(`Field '${name}' is missing its ${TYPE_NAMES[tag]} type parameters`);
    return tt;
  };
  const childCount = (n: number | null): void => {
    if (n !== null && children.length !== n) {
      throw new Error(`Field '${name}' of type ${TYPE_NAMES[tag]} has ${children.length} children, expected ${n}`);
    }
  };
  const leaf = (type: DataType): DataType => (childCount(0), type);
  switch (tag) {
    case 1: return leaf({ kind: "null" });
    case 2: {
      const bits = params().i32(0, 0);
      if (bits !== 8 && bits !== 16 && bits !== 32 && bits !== 64) throw new Error(`Field '${name}' has invalid int width ${bits}`);
      return leaf({ kind: "int", bits, signed: params().u8(1, 0) !== 0 });
    }
    case 3: {
      const bits = ([16, 32, 64] as const)[params().i16(0, 0)];
      if (!bits) throw new Error(`Field '${name}' has invalid float precision`);
      return leaf({ kind: "float", bits });
    }
    case 4: return leaf({ kind: "binary" });
    case 5: return leaf({ kind: "utf8" });
    case 6: return leaf({ kind: "bool" });
    case 10: {
      const unit = TIME_UNITS[params().i16(0, 0)];
      if (!unit) throw new Error(`Field '${name}' has invalid timestamp unit`);
      return leaf({ kind: "timestamp", unit, tz: params().string(1) });
    }
    case 12: return childCount(1), { kind: "list", child: children[0]! };
    case 13: return { kind: "struct", children };
    case 14: {
      const mode = params().i16(0, 0);
      if (mode !== 0 && mode !== 1) throw new Error(`Field '${name}' has invalid union mode ${mode}`);
      const typeIds = params().i32s(1) ?? children.map((_, i) => i);
      childCount(typeIds.length);
      if (typeIds.some((id) => id < 0 || id > 127) || new Set(typeIds).size !== typeIds.length) {
        throw new Error(`Field '${name}' has invalid union type ids`);
      }
      return { kind: "union", mode: mode === 0 ? "sparse" : "dense", typeIds, children };
    }
    case 15: {
      const size = params().i32(0, 0);
      if (size < 0) throw new Error(`Field '${name}' has negative byte width`);
      return leaf({ kind: "fixed_size_binary", size });
    }
    case 16: {
      const size = params().i32(0, 0);
      if (size < 0) throw new Error(`Field '${name}' has negative list size`);
      return childCount(1), { kind: "fixed_size_list", size, child: children[0]! };
    }
    case 19: return leaf({ kind: "large_binary" });
    case 20: return leaf({ kind: "large_utf8" });
    case 21: return childCount(1), { kind: "large_list", child: children[0]! };
    default: throw new Error(`Field '${name}' has unsupported Arrow type ${TYPE_NAMES[tag] ?? tag}`);
  }
}

const NO_SPAN: Span = { start: 0, length: 0 };

function readBatch(schema: Schema, msg: Message): RecordBatch | LaidOut {
  const t = msg.header;
  if (t.table(3)) throw new Error("Compressed IPC record batches are not supported");
  const length = t.i64(0, 0);
  if (length < 0) throw new Error(`Negative record batch length ${length}`);
  const nodes = t.vector(1, 16) ?? NO_SPAN, buffers = t.vector(2, 16) ?? NO_SPAN;
  const meta = msg.reader.bytes, fields = schema.fields;
  const known = length === 1 ? match(fields, meta, nodes, buffers, msg.body) : null;
  if (known) {
    checkBody(known, msg.body);
    return { schema, layout: known, body: msg.body };
  }
  const columns = readColumns(fields, length, new BodyReader(msg, nodes, buffers));
  if (length === 1) record(fields, meta, nodes, buffers, msg.body, columns);
  return { schema, length, columns };
}

/** The columns of a batch of `length` rows, walked by `r` (apart from `readBatch`: its closure's scope would cost every replayed batch an allocation). */
function readColumns(fields: Field[], length: number, r: BodyReader): ArrayData[] {
  const columns = fields.map((f) => {
    const col = r.array(f);
    if (col.length !== length) throw new Error(`Column '${f.name}' has length ${col.length}, expected ${length}`);
    return col;
  });
  r.finish();
  return columns;
}

type ViewCtor<T> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number };

/** An array with every slot given (one object shape for all arrays). */
function arrayData(
  type: DataType, length: number, nullCount: number, validity: Uint8Array | null, offsets: Int32Array | BigInt64Array | null,
  values: Values | null, children: ArrayData[], typeIds: Int8Array | null = null,
): ArrayData {
  return { type, length, nullCount, validity, offsets, values, typeIds, children };
}

/** Walks field nodes and buffers of one record batch in schema order; buffers become views of the body's memory. */
class BodyReader {
  private nodeIdx = 0;
  private bufIdx = 0;
  private readonly body: Uint8Array;
  /** The body's ArrayBuffer and offset in it (read once: `.buffer` is not free). */
  private readonly bodyBuffer: ArrayBufferLike;
  private readonly bodyOffset: number;
  /** Length of the buffer `next()` located last. */
  private len = 0;

  constructor(
    private readonly msg: Message,
    private readonly nodes: Span,
    private readonly buffers: Span,
  ) {
    this.body = msg.body;
    this.bodyBuffer = msg.body.buffer;
    this.bodyOffset = msg.body.byteOffset;
  }

  finish(): void {
    if (this.nodeIdx !== this.nodes.length || this.bufIdx !== this.buffers.length) {
      throw new Error(
        `RecordBatch has ${this.nodes.length} nodes and ${this.buffers.length} buffers, schema uses ${this.nodeIdx} and ${this.bufIdx}`,
      );
    }
  }

  /** The next field node's position in the metadata (length at +0, null count at +8). */
  private node(f: Field): number {
    if (this.nodeIdx >= this.nodes.length) throw new Error(`RecordBatch has too few field nodes (at '${f.name}')`);
    const p = this.nodes.start + 16 * this.nodeIdx++;
    if (this.msg.reader.i64(p) < 0) throw new Error(`Column '${f.name}' has negative length`);
    return p;
  }

  /** Locates the next buffer: returns its offset in the body and leaves its length in `len`. */
  private next(f: Field): number {
    if (this.bufIdx >= this.buffers.length) throw new Error(`RecordBatch has too few buffers (at '${f.name}')`);
    const p = this.buffers.start + 16 * this.bufIdx++;
    const offset = this.msg.reader.i64(p);
    const length = this.msg.reader.i64(p + 8);
    if (offset < 0 || length < 0 || offset + length > this.body.length) {
      throw new Error(`Buffer of '${f.name}' (${length} bytes at ${offset}) exceeds the ${this.body.length}-byte body`);
    }
    this.len = length;
    return offset;
  }

  /** The next buffer as bytes. */
  private buffer(f: Field): Uint8Array {
    const o = this.next(f);
    return this.body.subarray(o, o + this.len);
  }

  /** The next buffer as a typed array of `count` elements (a view, or a copy if misaligned). */
  private view<T>(Ctor: ViewCtor<T>, f: Field, count: number, what: string): T {
    return this.viewAt(Ctor, f, this.next(f), count, what);
  }

  /** The buffer `next()` just located at offset `o`, as a typed array of `count` elements. */
  private viewAt<T>(Ctor: ViewCtor<T>, f: Field, o: number, count: number, what: string): T {
    const bytes = count * Ctor.BYTES_PER_ELEMENT;
    if (bytes > this.len) throw new Error(`${what} of '${f.name}': buffer holds ${this.len} bytes, needs ${bytes}`);
    const at = this.bodyOffset + o;
    if (at % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(this.bodyBuffer, at, count);
    return new Ctor(this.body.slice(o, o + bytes).buffer, 0, count);
  }

  private validity(f: Field, length: number, nullCount: number): Uint8Array | null {
    const o = this.next(f);
    if (nullCount < 0 || nullCount > length) throw new Error(`Column '${f.name}' has invalid null count ${nullCount}`);
    if (nullCount === 0) return null;
    if (this.len === 0) throw new Error(`Column '${f.name}' has ${nullCount} nulls but no validity bitmap`);
    return this.viewAt(Uint8Array, f, o, Math.ceil(length / 8), "Validity");
  }

  /** The next buffer as `length + 1` offsets (a lone zero for an empty array without offsets). */
  private offsets(f: Field, length: number, large: boolean): Int32Array | BigInt64Array {
    if (length === 0 && this.buffers.length > this.bufIdx && this.msg.reader.i64(this.buffers.start + 16 * this.bufIdx + 8) === 0) {
      this.next(f);
      return large ? new BigInt64Array(1) : new Int32Array(1);
    }
    return large ? this.view(BigInt64Array, f, length + 1, "Offsets") : this.view(Int32Array, f, length + 1, "Offsets");
  }

  private child(f: Field, expected: number): ArrayData {
    const c = this.array(f);
    if (c.length !== expected) throw new Error(`Child '${f.name}' has length ${c.length}, expected ${expected}`);
    return c;
  }

  /** Decodes the array for field `f` (and its children) from the next nodes and buffers. */
  array(f: Field): ArrayData {
    const type = f.type;
    const p = this.node(f);
    const length = this.msg.reader.i64(p), rawNulls = this.msg.reader.i64(p + 8);
    if (type.kind === "null") return arrayData(type, length, length, null, null, null, NO_CHILDREN);
    if (type.kind === "union") return this.union(f, type, length);
    const validity = this.validity(f, length, rawNulls);
    const nullCount = validity ? rawNulls : 0;
    switch (type.kind) {
      case "bool":
        return arrayData(type, length, nullCount, validity, null, this.view(Uint8Array, f, Math.ceil(length / 8), "Values"), NO_CHILDREN);
      case "int":
      case "float":
      case "timestamp":
        return arrayData(type, length, nullCount, validity, null, this.view(valuesCtor(type), f, length, "Values"), NO_CHILDREN);
      case "fixed_size_binary":
        return arrayData(type, length, nullCount, validity, null, this.view(Uint8Array, f, length * type.size, "Values"), NO_CHILDREN);
      case "utf8":
      case "binary":
      case "large_utf8":
      case "large_binary": {
        const offsets = this.offsets(f, length, type.kind === "large_utf8" || type.kind === "large_binary");
        const rawValues = this.buffer(f);
        checkOffsets(f.name, offsets, length, rawValues.length);
        return arrayData(type, length, nullCount, validity, offsets, rawValues.subarray(0, Number(offsets[length]!)), NO_CHILDREN);
      }
      case "list":
      case "large_list": {
        const offsets = this.offsets(f, length, type.kind === "large_list");
        const child = this.array(type.child);
        return arrayData(type, length, nullCount, validity, checkOffsets(f.name, offsets, length, child.length), null, [child]);
      }
      case "fixed_size_list":
        return arrayData(type, length, nullCount, validity, null, null, [this.child(type.child, length * type.size)]);
      case "struct":
        return arrayData(type, length, nullCount, validity, null, null, type.children.map((c) => this.child(c, length)));
    }
  }

  private union(f: Field, type: Extract<DataType, { kind: "union" }>, length: number): ArrayData {
    if (this.msg.version < V5) this.next(f); // pre-V5 unions carry a (meaningless) validity buffer
    const typeIds = this.view(Int8Array, f, length, "Type ids");
    const slot = new Int8Array(128).fill(-1);
    type.typeIds.forEach((id, i) => (slot[id] = i));
    for (let i = 0; i < length; i++) {
      if (typeIds[i]! < 0 || slot[typeIds[i]!] === -1) throw new Error(`Union '${f.name}' has unknown type id ${typeIds[i]}`);
    }
    if (type.mode === "sparse") return arrayData(type, length, 0, null, null, null, type.children.map((c) => this.child(c, length)), typeIds);
    const offsets = this.view(Int32Array, f, length, "Offsets");
    const children = type.children.map((c) => this.array(c));
    for (let i = 0; i < length; i++) {
      const o = offsets[i]!;
      if (o < 0 || o >= children[slot[typeIds[i]!]!]!.length) throw new Error(`Union '${f.name}' has an out-of-range offset ${o}`);
    }
    return arrayData(type, length, 0, null, offsets, null, children, typeIds);
  }
}
