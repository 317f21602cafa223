/**
 * Arrow IPC stream reader over our minimal model: one Schema message, exactly one RecordBatch.
 * Buffers become typed-array views over the input (no copies); every offset and length read
 * from the input is bounds-checked and malformed input throws a one-line Error.
 */

import { FbReader, type FbTable } from "./flatbuf.ts";
import type { ArrayData, DataType, Field, RecordBatch, Schema, TimeUnit, Values } from "./types.ts";

const V5 = 4;
const V4 = 3;
const HEADER_SCHEMA = 1;
const HEADER_DICTIONARY = 2;
const HEADER_RECORD_BATCH = 3;
const MAX_DEPTH = 64;
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
}

/** Parses an Arrow IPC stream holding one schema and exactly one record batch into our model. */
export function readIpcStream(bytes: Uint8Array): RecordBatch {
  // Typed-array views need an 8-aligned input; callers normally guarantee it, else copy once here.
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  let pos = 0;
  let schema: Schema | null = null;
  let first: Message | null = null;
  let batches = 0;
  for (;;) {
    const framed = nextMessage(bytes, pos);
    if (!framed) break;
    const msg = framed.msg;
    pos = framed.end;
    if (!schema) {
      if (msg.headerType !== HEADER_SCHEMA) throw new Error("IPC stream does not start with a Schema message");
      schema = readSchema(msg.header);
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
function nextMessage(bytes: Uint8Array, pos: number): { msg: Message; end: number } | null {
  if (pos === bytes.length) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (pos + 4 > bytes.length) throw new Error(`IPC stream truncated in a message prefix at byte ${pos}`);
  let metaLen = dv.getInt32(pos, true);
  let metaStart = pos + 4;
  if (metaLen === -1) {
    if (pos + 8 > bytes.length) throw new Error(`IPC stream truncated in a message prefix at byte ${pos}`);
    metaLen = dv.getInt32(pos + 4, true);
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
  const body = bytes.subarray(bodyStart, bodyStart + bodyLength);
  return { msg: { version, headerType, header, reader, body }, end: bodyStart + bodyLength };
}

function readSchema(t: FbTable): Schema {
  if (t.i16(0, 0) !== 0) throw new Error("Big-endian IPC streams are not supported");
  return { fields: t.tables(1).map((f) => readField(f, 0)), metadata: readMetadata(t, 2) };
}

function readMetadata(t: FbTable, id: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const kv of t.tables(id)) out.set(kv.string(0) ?? "", kv.string(1) ?? "");
  return out;
}

function readField(t: FbTable, depth: number): Field {
  if (depth > MAX_DEPTH) throw new Error(`Schema nesting deeper than ${MAX_DEPTH} levels`);
  const name = t.string(0) ?? "";
  if (t.table(4)) throw new Error(`Dictionary-encoded field '${name}' is not supported`);
  const children = t.tables(5).map((c) => readField(c, depth + 1));
  const type = readType(name, t.u8(2, 0), t.table(3), children);
  return { name, type, nullable: t.u8(1, 0) !== 0, metadata: readMetadata(t, 6) };
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

function readBatch(schema: Schema, msg: Message): RecordBatch {
  const t = msg.header;
  if (t.table(3)) throw new Error("Compressed IPC record batches are not supported");
  const length = t.i64(0, 0);
  if (length < 0) throw new Error(`Negative record batch length ${length}`);
  const r = new BodyReader(msg, t);
  const columns = schema.fields.map((f) => {
    const col = r.array(f);
    if (col.length !== length) throw new Error(`Column '${f.name}' has length ${col.length}, expected ${length}`);
    return col;
  });
  r.finish();
  return { schema, length, columns };
}

type ViewCtor<T> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number };

/** A typed-array view of `count` elements at the start of `buf` (copied only if misaligned). */
function view<T>(Ctor: ViewCtor<T>, buf: Uint8Array, count: number, what: string): T {
  const bytes = count * Ctor.BYTES_PER_ELEMENT;
  if (bytes > buf.length) throw new Error(`${what}: buffer holds ${buf.length} bytes, needs ${bytes}`);
  if (buf.byteOffset % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(buf.buffer, buf.byteOffset, count);
  return new Ctor(buf.slice(0, bytes).buffer, 0, count);
}

function valuesCtor(type: DataType): ViewCtor<Values> {
  switch (type.kind) {
    case "int":
      return ({
        8: [Uint8Array, Int8Array],
        16: [Uint16Array, Int16Array],
        32: [Uint32Array, Int32Array],
        64: [BigUint64Array, BigInt64Array],
      } as const)[type.bits][type.signed ? 1 : 0];
    case "float":
      return type.bits === 16 ? Uint16Array : type.bits === 32 ? Float32Array : Float64Array;
    default:
      return BigInt64Array;
  }
}

/** Walks field nodes and buffers of one record batch in schema order. */
class BodyReader {
  private nodeIdx = 0;
  private bufIdx = 0;
  private readonly nodes: { start: number; length: number };
  private readonly buffers: { start: number; length: number };

  constructor(
    private readonly msg: Message,
    t: FbTable,
  ) {
    this.nodes = t.vector(1, 16) ?? { start: 0, length: 0 };
    this.buffers = t.vector(2, 16) ?? { start: 0, length: 0 };
  }

  finish(): void {
    if (this.nodeIdx !== this.nodes.length || this.bufIdx !== this.buffers.length) {
      throw new Error(
        `RecordBatch has ${this.nodes.length} nodes and ${this.buffers.length} buffers, schema uses ${this.nodeIdx} and ${this.bufIdx}`,
      );
    }
  }

  private node(f: Field): { length: number; nullCount: number } {
    if (this.nodeIdx >= this.nodes.length) throw new Error(`RecordBatch has too few field nodes (at '${f.name}')`);
    const p = this.nodes.start + 16 * this.nodeIdx++;
    const length = this.msg.reader.i64(p);
    if (length < 0) throw new Error(`Column '${f.name}' has negative length`);
    return { length, nullCount: this.msg.reader.i64(p + 8) };
  }

  private buffer(f: Field): Uint8Array {
    if (this.bufIdx >= this.buffers.length) throw new Error(`RecordBatch has too few buffers (at '${f.name}')`);
    const p = this.buffers.start + 16 * this.bufIdx++;
    const offset = this.msg.reader.i64(p);
    const length = this.msg.reader.i64(p + 8);
    const body = this.msg.body;
    if (offset < 0 || length < 0 || offset + length > body.length) {
      throw new Error(`Buffer of '${f.name}' (${length} bytes at ${offset}) exceeds the ${body.length}-byte body`);
    }
    return body.subarray(offset, offset + length);
  }

  private validity(f: Field, length: number, nullCount: number): Uint8Array | null {
    const buf = this.buffer(f);
    if (nullCount < 0 || nullCount > length) throw new Error(`Column '${f.name}' has invalid null count ${nullCount}`);
    if (nullCount === 0) return null;
    if (buf.length === 0) throw new Error(`Column '${f.name}' has ${nullCount} nulls but no validity bitmap`);
    return view(Uint8Array, buf, Math.ceil(length / 8), `Validity of '${f.name}'`);
  }

  /** Offsets of `length` slots over raw buffer `buf`, checked non-decreasing, >= 0 and <= `limit`. */
  private offsets(f: Field, buf: Uint8Array, length: number, limit: number, large: boolean): Int32Array | BigInt64Array {
    if (length === 0 && buf.length === 0) return large ? new BigInt64Array(1) : new Int32Array(1);
    const o = large ? view(BigInt64Array, buf, length + 1, `Offsets of '${f.name}'`) : view(Int32Array, buf, length + 1, `Offsets of '${f.name}'`);
    let prev = 0;
    for (let i = 0; i <= length; i++) {
      const v = Number(o[i]!);
      if (!(v >= prev)) throw new Error(`Column '${f.name}' has negative or decreasing offsets`);
      prev = v;
    }
    if (prev > limit) throw new Error(`Offsets of '${f.name}' end at ${prev}, beyond the ${limit} available`);
    return o;
  }

  private child(f: Field, expected: number): ArrayData {
    const c = this.array(f);
    if (c.length !== expected) throw new Error(`Child '${f.name}' has length ${c.length}, expected ${expected}`);
    return c;
  }

  /** Decodes the array for field `f` (and its children) from the next nodes and buffers. */
  array(f: Field): ArrayData {
    const type = f.type;
    const { length, nullCount: rawNulls } = this.node(f);
    const data = (nullCount: number, validity: Uint8Array | null, rest: Partial<ArrayData>): ArrayData => ({
      type, length, nullCount, validity, offsets: null, values: null, typeIds: null, children: [], ...rest,
    });
    if (type.kind === "null") return data(length, null, {});
    if (type.kind === "union") return this.union(f, type, length, data);
    const validity = this.validity(f, length, rawNulls);
    const nullCount = validity ? rawNulls : 0;
    switch (type.kind) {
      case "bool":
        return data(nullCount, validity, { values: view(Uint8Array, this.buffer(f), Math.ceil(length / 8), `Values of '${f.name}'`) });
      case "int":
      case "float":
      case "timestamp":
        return data(nullCount, validity, { values: view(valuesCtor(type), this.buffer(f), length, `Values of '${f.name}'`) });
      case "fixed_size_binary":
        return data(nullCount, validity, { values: view(Uint8Array, this.buffer(f), length * type.size, `Values of '${f.name}'`) });
      case "utf8":
      case "binary":
      case "large_utf8":
      case "large_binary": {
        const rawOffsets = this.buffer(f);
        const rawValues = this.buffer(f);
        const large = type.kind === "large_utf8" || type.kind === "large_binary";
        const offsets = this.offsets(f, rawOffsets, length, rawValues.length, large);
        return data(nullCount, validity, { offsets, values: rawValues.subarray(0, Number(offsets[length]!)) });
      }
      case "list":
      case "large_list": {
        const rawOffsets = this.buffer(f);
        const child = this.array(type.child);
        const offsets = this.offsets(f, rawOffsets, length, child.length, type.kind === "large_list");
        return data(nullCount, validity, { offsets, children: [child] });
      }
      case "fixed_size_list":
        return data(nullCount, validity, { children: [this.child(type.child, length * type.size)] });
      case "struct":
        return data(nullCount, validity, { children: type.children.map((c) => this.child(c, length)) });
    }
  }

  private union(
    f: Field,
    type: Extract<DataType, { kind: "union" }>,
    length: number,
    data: (nullCount: number, validity: null, rest: Partial<ArrayData>) => ArrayData,
  ): ArrayData {
    if (this.msg.version < V5) this.buffer(f); // pre-V5 unions carry a (meaningless) validity buffer
    const typeIds = view(Int8Array, this.buffer(f), length, `Type ids of '${f.name}'`);
    const slot = new Int8Array(128).fill(-1);
    type.typeIds.forEach((id, i) => (slot[id] = i));
    for (let i = 0; i < length; i++) {
      if (typeIds[i]! < 0 || slot[typeIds[i]!] === -1) throw new Error(`Union '${f.name}' has unknown type id ${typeIds[i]}`);
    }
    if (type.mode === "sparse") {
      return data(0, null, { typeIds, children: type.children.map((c) => this.child(c, length)) });
    }
    const offsets = view(Int32Array, this.buffer(f), length, `Offsets of '${f.name}'`);
    const children = type.children.map((c) => this.array(c));
    for (let i = 0; i < length; i++) {
      const o = offsets[i]!;
      if (o < 0 || o >= children[slot[typeIds[i]!]!]!.length) throw new Error(`Union '${f.name}' has an out-of-range offset ${o}`);
    }
    return data(0, null, { typeIds, offsets, children });
  }
}
