/** Arrow IPC stream reader/writer, checked against apache-arrow as an independent oracle. */

import { describe, expect, test } from "bun:test";
import * as A from "apache-arrow";
import { buildFlatbuffer, FbReader, i16, i64, nums, table, u8 } from "../store/arrow/flatbuf.ts";
import { readIpcStream } from "../store/arrow/read.ts";
import type { ArrayData, DataType, Field, RecordBatch } from "../store/arrow/types.ts";
import { writeIpcStream } from "../store/arrow/write.ts";

// ---------- building apache-arrow test data ----------

const bitmap = (valid: boolean[]): Uint8Array => {
  const out = new Uint8Array(Math.ceil(valid.length / 8));
  valid.forEach((v, i) => v && (out[i >> 3]! |= 1 << (i & 7)));
  return out;
};
const data = (values: unknown[], type: A.DataType): A.Data => {
  const v = A.vectorFromArray(values as never[], type);
  expect(v.data.length).toBe(1);
  return v.data[0]!;
};
const item = (type: A.DataType, nullable = true): A.Field => new A.Field("item", type, nullable);
const list = (child: A.Data, offsets: number[], valid?: boolean[], nullableItem = true): A.Data =>
  A.makeData({
    type: new A.List(item(child.type, nullableItem)),
    length: offsets.length - 1,
    valueOffsets: new Int32Array(offsets),
    nullBitmap: valid ? bitmap(valid) : null,
    child,
  });
const struct = (fields: A.Field[], children: A.Data[], valid?: boolean[]): A.Data =>
  A.makeData({ type: new A.Struct(fields), length: children[0]!.length, children, nullBitmap: valid ? bitmap(valid) : null });
const timestamps = (type: A.Timestamp, values: bigint[], valid?: boolean[]): A.Data =>
  A.makeData({ type, length: values.length, data: new BigInt64Array(values), nullBitmap: valid ? bitmap(valid) : null });

interface Col {
  name: string;
  data: A.Data;
  nullable?: boolean;
  meta?: [string, string][];
}

function makeTable(cols: Col[], meta: [string, string][] = []): A.Table {
  const fields = cols.map((c) => new A.Field(c.name, c.data.type, c.nullable ?? true, new Map(c.meta ?? [])));
  const schema = new A.Schema(fields, new Map(meta));
  const length = cols[0]?.data.length ?? 0;
  const batch = new A.RecordBatch(schema, A.makeData({ type: new A.Struct(fields), length, children: cols.map((c) => c.data) }));
  return new A.Table(schema, batch);
}

/** Rerun's TensorBuffer dense union: _null_markers, U8..I64, F16, F32, F64 as List<T> children. */
function tensorBuffer(): A.Data {
  const kinds: A.DataType[] = [
    new A.Null(), new A.Uint8(), new A.Uint16(), new A.Uint32(), new A.Uint64(), new A.Int8(), new A.Int16(),
    new A.Int32(), new A.Int64(), new A.Float16(), new A.Float32(), new A.Float64(),
  ];
  const names = ["_null_markers", "U8", "U16", "U32", "U64", "I8", "I16", "I32", "I64", "F16", "F32", "F64"];
  const children = kinds.map((t, i) => {
    if (i === 0) return data([null], t);
    if (i === 1) return list(data([1, 2, 3, 4, 5, 6], t), [0, 6], undefined, false);
    if (i === 10) return list(data([0.5, -1.5], t), [0, 2], undefined, false);
    return list(data([], t), [0], undefined, false);
  });
  const fields = children.map((c, i) => new A.Field(names[i]!, c.type, i === 0));
  return A.makeData({
    type: new A.DenseUnion(names.map((_, i) => i), fields),
    length: 3,
    typeIds: new Int8Array([1, 10, 0]),
    valueOffsets: new Int32Array([0, 0, 0]),
    children,
  });
}

function tensorData(): A.Data {
  const u64 = new A.Uint64();
  const shape = list(data([2n, 3n, 2n, 4n, 5n], u64), [0, 2, 3, 5], undefined, false);
  const names = list(data(["h", "w"], new A.Utf8()), [0, 2, 2, 2], [true, false, true], false);
  const buffer = tensorBuffer();
  const fields = [
    new A.Field("shape", shape.type, false),
    new A.Field("names", names.type, true),
    new A.Field("buffer", buffer.type, true),
  ];
  return struct(fields, [shape, names, buffer], [true, false, true]);
}

const U64_MAX = 2n ** 64n - 1n;
const ROW_ID = [new A.Field("time_ns", new A.Uint64(), false), new A.Field("inc", new A.Uint64(), false)];

/** One column per supported type, 5 rows, with nulls where the type allows them. */
function allTypes(): A.Table {
  const f32 = new A.Float32();
  const vec3 = new A.FixedSizeList(3, item(f32, false));
  const sparse = A.makeData({
    type: new A.SparseUnion([5, 7], [new A.Field("i", new A.Int32(), true), new A.Field("s", new A.Utf8(), true)]),
    length: 5,
    typeIds: new Int8Array([5, 7, 7, 5, 5]),
    children: [data([1, 0, 0, null, 4], new A.Int32()), data(["", "a", "bé", "", ""], new A.Utf8())],
  });
  const annotation = struct(
    [new A.Field("id", new A.Uint16(), false), new A.Field("label", new A.Utf8(), true), new A.Field("color", new A.Uint32(), true)],
    [data([1, 2, 3], new A.Uint16()), data(["a", null, "c"], new A.Utf8()), data([0xff0000ff, 7, null], new A.Uint32())],
    [true, true, false],
  );
  return makeTable(
    [
      {
        name: "rerun.controls.RowId",
        nullable: false,
        meta: [["rerun.kind", "control"]],
        data: struct(ROW_ID, [data([1n, 2n ** 63n, U64_MAX, 2n ** 53n + 1n, 0n], new A.Uint64()), data([5n, 4n, 3n, 2n, 1n], new A.Uint64())]),
      },
      { name: "frame", nullable: false, meta: [["rerun.kind", "time"], ["rerun.is_sorted", ""]], data: data([2n ** 62n, -(2n ** 63n), 2n ** 53n + 1n, -1n, 0n], new A.Int64()) },
      { name: "log_time", nullable: false, data: timestamps(new A.TimestampNanosecond(), [1700000000123456789n, 1n, 2n, 3n, 9007199254740993n]) },
      { name: "ts_ms_utc", data: timestamps(new A.Timestamp(A.TimeUnit.MILLISECOND, "UTC"), [1n, 2n, 3n, 4n, 5n], [true, false, true, true, false]) },
      { name: "null", data: data([null, null, null, null, null], new A.Null()) },
      { name: "bool", data: data([true, null, false, true, true], new A.Bool()) },
      { name: "i8", data: data([-128, 127, null, 0, 1], new A.Int8()) },
      { name: "i16", data: data([-32768, 32767, null, 0, 1], new A.Int16()) },
      { name: "i32", data: data([-(2 ** 31), 2 ** 31 - 1, null, 0, 1], new A.Int32()) },
      { name: "i64", data: data([2n ** 62n, -(2n ** 63n), null, 2n ** 53n + 1n, -1n], new A.Int64()) },
      { name: "u8", data: data([255, 0, null, 1, 2], new A.Uint8()) },
      { name: "u16", data: data([65535, 0, null, 1, 2], new A.Uint16()) },
      { name: "u32", data: data([2 ** 32 - 1, 0, null, 1, 2], new A.Uint32()) },
      { name: "u64", data: data([U64_MAX, 0n, null, 2n ** 53n + 1n, 2n ** 63n], new A.Uint64()) },
      { name: "f16", data: data([1.5, -0.25, null, 65504, 0], new A.Float16()) },
      { name: "f32", data: data([1.5, -0.25, null, 3.4e38, Infinity], new A.Float32()) },
      { name: "f64", data: data([Math.PI, -0, null, 1e308, -Infinity], new A.Float64()) },
      { name: "utf8", meta: [["z", "1"], ["a", "2"], ["m", ""]], data: data(["hello", "", null, "ünïcødé ✓", "x"], new A.Utf8()) },
      { name: "large_utf8", data: data(["a", null, "", "bcd", "é"], new A.LargeUtf8()) },
      { name: "binary", data: data([new Uint8Array([1, 2]), null, new Uint8Array(0), new Uint8Array([255]), new Uint8Array([0])], new A.Binary()) },
      { name: "large_binary", data: data([new Uint8Array([3]), new Uint8Array(0), null, new Uint8Array([4, 5, 6]), new Uint8Array([7])], new A.LargeBinary()) },
      { name: "fsb", data: data([new Uint8Array([1, 2, 3, 4]), null, new Uint8Array([0, 0, 0, 0]), new Uint8Array([9, 9, 9, 9]), null], new A.FixedSizeBinary(4)) },
      {
        name: "rerun.components.Position3D",
        meta: [["rerun.kind", "data"], ["rerun.archetype_name", "rerun.archetypes.Points3D"], ["rerun.archetype_field_name", "positions"]],
        data: list(
          A.makeData({ type: vec3, length: 3, child: data([1, 2, 3, 4, 5, 6, 7, 8, 9], f32), nullBitmap: bitmap([true, false, true]) }),
          [0, 2, 2, 2, 3, 3],
          [true, false, true, true, true],
        ),
      },
      { name: "rerun.components.LineStrip3D", data: list(list(A.makeData({ type: vec3, length: 2, child: data([1, 2, 3, 4, 5, 6], f32) }), [0, 2, 2], undefined, false), [0, 1, 1, 2, 2, 2]) },
      { name: "rerun.components.Points3DIndicator", data: list(data([null, null, null], new A.Null()), [0, 1, 1, 2, 3, 3], [true, false, true, true, true]) },
      { name: "rerun.components.Color", data: list(data([0xff0000ff, 0, 4278190335], new A.Uint32()), [0, 1, 1, 3, 3, 3], [true, false, true, true, false]) },
      { name: "rerun.components.Keypoints", data: list(annotation, [0, 0, 2, 2, 3, 3]) },
      { name: "rerun.components.TensorData", data: list(tensorData(), [0, 1, 1, 3, 3, 3], [true, false, true, true, true]) },
      { name: "sparse_union", data: sparse },
      { name: "large_list", data: A.makeData({ type: new A.LargeList(item(new A.Int16())), length: 5, valueOffsets: new BigInt64Array([0n, 1n, 1n, 3n, 3n, 3n]), nullBitmap: bitmap([true, true, true, false, true]), child: data([1, null, 3], new A.Int16()) }) },
      { name: "struct", data: struct([new A.Field("a", new A.Float64(), true), new A.Field("b", new A.Bool(), false)], [data([1, 2, null, 4, 5], new A.Float64()), data([true, false, true, false, true], new A.Bool())], [true, true, true, false, true]) },
    ],
    [["rerun.id", "181A2B3C4D5E6F800192A3B4C5D6E800"], ["rerun.entity_path", "/points"], ["rerun.heap_size_bytes", "123"], ["rerun.is_sorted", ""]],
  );
}

/** A zero-row table over list, string, union and struct types (empty offsets edge cases). */
function emptyTable(): A.Table {
  return makeTable([
    { name: "list", data: list(data([], new A.Float32()), [0]) },
    { name: "utf8", data: data([], new A.Utf8()) },
    { name: "large_utf8", data: data([], new A.LargeUtf8()) },
    { name: "struct", data: struct(ROW_ID, [data([], new A.Uint64()), data([], new A.Uint64())]) },
    { name: "null", data: data([], new A.Null()) },
    { name: "union", data: A.makeData({ type: new A.DenseUnion([0], [new A.Field("x", new A.Int8(), true)]), length: 0, typeIds: new Int8Array(0), valueOffsets: new Int32Array(0), children: [data([], new A.Int8())] }) },
  ]);
}

// ---------- independent conversions ----------

const UNITS = ["s", "ms", "us", "ns"] as const;

function typeOf(t: A.DataType): DataType {
  const x = t as any;
  switch (t.typeId) {
    case A.Type.Null: return { kind: "null" };
    case A.Type.Bool: return { kind: "bool" };
    case A.Type.Int: return { kind: "int", bits: x.bitWidth, signed: x.isSigned };
    case A.Type.Float: return { kind: "float", bits: ([16, 32, 64] as const)[x.precision as 0 | 1 | 2] };
    case A.Type.Utf8: return { kind: "utf8" };
    case A.Type.Binary: return { kind: "binary" };
    case A.Type.LargeUtf8: return { kind: "large_utf8" };
    case A.Type.LargeBinary: return { kind: "large_binary" };
    case A.Type.FixedSizeBinary: return { kind: "fixed_size_binary", size: x.byteWidth };
    case A.Type.Timestamp: return { kind: "timestamp", unit: UNITS[x.unit as 0 | 1 | 2 | 3], tz: x.timezone ?? null };
    case A.Type.List: return { kind: "list", child: fieldOf(x.children[0]) };
    case A.Type.LargeList: return { kind: "large_list", child: fieldOf(x.children[0]) };
    case A.Type.FixedSizeList: return { kind: "fixed_size_list", size: x.listSize, child: fieldOf(x.children[0]) };
    case A.Type.Struct: return { kind: "struct", children: x.children.map(fieldOf) };
    case A.Type.Union:
      return { kind: "union", mode: x.mode === A.UnionMode.Sparse ? "sparse" : "dense", typeIds: Array.from(x.typeIds as Int32Array), children: x.children.map(fieldOf) };
    default: throw new Error(`test: unexpected type ${t}`);
  }
}

function fieldOf(f: A.Field): Field {
  return { name: f.name, type: typeOf(f.type), nullable: f.nullable, metadata: new Map(f.metadata) };
}

/** Converts apache-arrow Data (offset 0) to our model, trimming buffers to their logical length. */
function fromArrow(d: A.Data): ArrayData {
  expect(d.offset).toBe(0);
  const type = typeOf(d.type);
  const n = d.length;
  const x = d as any;
  const out: ArrayData = {
    type, length: n, nullCount: type.kind === "null" ? n : type.kind === "union" ? 0 : d.nullCount,
    validity: null, offsets: null, values: null, typeIds: null, children: d.children.map(fromArrow),
  };
  if (type.kind !== "null" && type.kind !== "union" && d.nullCount > 0) out.validity = d.nullBitmap.subarray(0, Math.ceil(n / 8));
  const offsets = (large: boolean) =>
    x.valueOffsets?.length ? x.valueOffsets.subarray(0, n + 1) : large ? new BigInt64Array(1) : new Int32Array(1);
  switch (type.kind) {
    case "bool": out.values = x.values.subarray(0, Math.ceil(n / 8)); break;
    case "int": case "float": case "timestamp": out.values = x.values.subarray(0, n); break;
    case "fixed_size_binary": out.values = x.values.subarray(0, n * type.size); break;
    case "utf8": case "binary": case "large_utf8": case "large_binary":
      out.offsets = offsets(type.kind.startsWith("large"));
      out.values = x.values.subarray(0, Number(out.offsets![n]));
      break;
    case "list": case "large_list": out.offsets = offsets(type.kind === "large_list"); break;
    case "union":
      out.typeIds = x.typeIds.subarray(0, n);
      if (type.mode === "dense") out.offsets = x.valueOffsets.subarray(0, n);
      break;
  }
  return out;
}

function modelOf(t: A.Table): RecordBatch {
  expect(t.batches.length).toBe(1);
  return {
    schema: { fields: t.schema.fields.map(fieldOf), metadata: new Map(t.schema.metadata) },
    length: t.numRows,
    columns: t.batches[0]!.data.children.map(fromArrow),
  };
}

const bit = (bits: Uint8Array, i: number): boolean => ((bits[i >> 3]! >> (i & 7)) & 1) === 1;
const half = (h: number): number => {
  const s = h >> 15 ? -1 : 1, e = (h >> 10) & 31, m = h & 1023;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
};
const text = new TextDecoder();
const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, k) => a + k);

/** A plain JS value for slot `i` of our model. */
function ours(a: ArrayData, i: number): unknown {
  const t = a.type;
  if (t.kind === "null") return null;
  if (t.kind === "union") {
    const k = t.typeIds.indexOf(a.typeIds![i]!);
    return ours(a.children[k]!, t.mode === "dense" ? (a.offsets as Int32Array)[i]! : i);
  }
  if (a.validity && !bit(a.validity, i)) return null;
  const span = () => [Number(a.offsets![i]!), Number(a.offsets![i + 1]!)] as const;
  switch (t.kind) {
    case "bool": return bit(a.values as Uint8Array, i);
    case "int": case "timestamp": return a.values![i];
    case "float": return t.bits === 16 ? half(a.values![i] as number) : a.values![i];
    case "utf8": case "large_utf8": return text.decode((a.values as Uint8Array).subarray(...span()));
    case "binary": case "large_binary": return Array.from((a.values as Uint8Array).subarray(...span()));
    case "fixed_size_binary": return Array.from((a.values as Uint8Array).subarray(i * t.size, (i + 1) * t.size));
    case "list": case "large_list": return range(...span()).map((j) => ours(a.children[0]!, j));
    case "fixed_size_list": return range(i * t.size, (i + 1) * t.size).map((j) => ours(a.children[0]!, j));
    case "struct": return Object.fromEntries(t.children.map((f, k) => [f.name, ours(a.children[k]!, i)]));
  }
}

/** A plain JS value for slot `i` as decoded by apache-arrow. */
function theirs(d: A.Data, i: number): unknown {
  const x = d as any;
  const t = d.type as any;
  if (d.typeId === A.Type.Null) return null;
  if (d.typeId === A.Type.Union) {
    const k = Array.from(t.typeIds as Int32Array).indexOf(x.typeIds[d.offset + i]);
    return theirs(d.children[k]!, t.mode === A.UnionMode.Dense ? x.valueOffsets[d.offset + i] : i);
  }
  if (!d.getValid(i)) return null;
  const get = () => A.makeVector(d).get(i);
  switch (d.typeId) {
    case A.Type.Timestamp: return x.values[d.offset + i];
    case A.Type.List: case A.Type.LargeList:
      return range(Number(x.valueOffsets[d.offset + i]), Number(x.valueOffsets[d.offset + i + 1])).map((j) => theirs(d.children[0]!, j));
    case A.Type.FixedSizeList: return range(i * t.listSize, (i + 1) * t.listSize).map((j) => theirs(d.children[0]!, j));
    case A.Type.Struct: return Object.fromEntries(t.children.map((f: A.Field, k: number) => [f.name, theirs(d.children[k]!, i)]));
    case A.Type.Binary: case A.Type.LargeBinary: case A.Type.FixedSizeBinary: return Array.from(get() as Uint8Array);
    default: return get();
  }
}

/** A canonical, exactly comparable form of a model value (typed arrays keep their class). */
function canon(v: unknown): unknown {
  if (v instanceof Map) return { map: [...v].map(canon) };
  if (ArrayBuffer.isView(v)) return { [v.constructor.name]: Array.from(v as unknown as ArrayLike<unknown>) };
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canon(x)]));
  return v;
}

/** Expects our column to carry apache-arrow's values and null counts at every nesting level. */
function expectSameArray(a: ArrayData, d: A.Data): void {
  expect(a.length).toBe(d.length);
  expect(canon(a.type)).toEqual(canon(typeOf(d.type)));
  if (a.type.kind === "null") expect(a.nullCount).toBe(a.length);
  else if (a.type.kind !== "union") expect(a.nullCount).toBe(d.nullCount);
  expect(a.children.length).toBe(d.children.length);
  a.children.forEach((c, k) => expectSameArray(c, d.children[k]!));
  for (let i = 0; i < a.length; i++) expect(ours(a, i)).toEqual(theirs(d, i));
}

function expectSameAsArrow(rb: RecordBatch, t: A.Table): void {
  expect(canon(rb.schema)).toEqual(canon({ fields: t.schema.fields.map(fieldOf), metadata: t.schema.metadata }));
  expect(rb.length).toBe(t.numRows);
  expect(t.batches.length).toBe(1);
  rb.columns.forEach((c, k) => expectSameArray(c, t.batches[0]!.data.children[k]!));
}

const tables: [string, () => A.Table][] = [
  ["all types", allTypes],
  ["empty batch", emptyTable],
  ["single column", () => makeTable([{ name: "x", data: data([1, 2, 3], new A.Float32()) }])],
];

// ---------- tests ----------

describe("apache-arrow writes, we read", () => {
  for (const [name, make] of tables) {
    test(name, () => {
      const t = make();
      const bytes = A.tableToIPC(t, "stream");
      const rb = readIpcStream(bytes);
      expectSameAsArrow(rb, A.tableFromIPC(bytes));
      expectSameAsArrow(rb, t);
      expect(canon(rb)).toEqual(canon(modelOf(A.tableFromIPC(bytes))));
    });
  }

  test("buffers are views over the input, not copies", () => {
    const bytes = A.tableToIPC(allTypes(), "stream");
    const rb = readIpcStream(bytes);
    const f64 = rb.columns[rb.schema.fields.findIndex((f) => f.name === "f64")]!;
    expect(f64.values!.buffer).toBe(bytes.buffer);
    expect(f64.values!.length).toBe(5);
  });

  test("misaligned input is copied once and still decodes", () => {
    const bytes = A.tableToIPC(allTypes(), "stream");
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(canon(readIpcStream(shifted.subarray(3)))).toEqual(canon(readIpcStream(bytes)));
  });
});

describe("we write, apache-arrow reads", () => {
  for (const [name, make] of tables) {
    test(name, () => {
      const t = make();
      const bytes = writeIpcStream(modelOf(t));
      expectSameAsArrow(modelOf(A.tableFromIPC(bytes)), t);
      const decoded = A.tableFromIPC(bytes);
      decoded.schema.fields.forEach((f, k) => {
        expect(f.nullable).toBe(t.schema.fields[k]!.nullable);
        expect([...f.metadata]).toEqual([...t.schema.fields[k]!.metadata]);
      });
      expect([...decoded.schema.metadata]).toEqual([...t.schema.metadata]);
    });
  }

  test("null counts on the wire are real (Null arrays: null_count = length)", () => {
    const t = allTypes();
    const bytes = writeIpcStream(modelOf(t));
    const reader = new A.MessageReader(bytes);
    let nodes: { length: number; nullCount: number }[] = [];
    for (let m = reader.readMessage(); m; m = reader.readMessage()) {
      if (m.isRecordBatch()) nodes = m.header()!.nodes;
      reader.readMessageBody(m.bodyLength);
    }
    const expected: [number, number][] = [];
    const walk = (a: ArrayData): void => {
      expected.push([a.length, a.nullCount]);
      a.children.forEach(walk);
    };
    const model = modelOf(t);
    const nullCol = model.schema.fields.findIndex((f) => f.name === "null");
    model.columns.slice(0, nullCol).forEach(walk);
    const nullNode = expected.length;
    model.columns.slice(nullCol).forEach(walk);
    expect(nodes.map((n) => [n.length, n.nullCount])).toEqual(expected);
    expect([nodes[nullNode]!.length, nodes[nullNode]!.nullCount]).toEqual([5, 5]);
  });

  test("framing: continuation markers, 8-byte padding, EOS", () => {
    const bytes = writeIpcStream(modelOf(allTypes()));
    const dv = new DataView(bytes.buffer, bytes.byteOffset);
    expect(dv.getInt32(0, true)).toBe(-1);
    const len = dv.getInt32(4, true);
    expect(len % 8).toBe(0);
    expect(dv.getInt32(8 + len, true)).toBe(-1);
    expect(dv.getInt32(12 + len, true) % 8).toBe(0);
    expect(Array.from(bytes.subarray(-8))).toEqual([255, 255, 255, 255, 0, 0, 0, 0]);
  });
});

describe("we write, we read", () => {
  for (const [name, make] of tables) {
    test(name, () => {
      const model = modelOf(make());
      const back = readIpcStream(writeIpcStream(model));
      expect(canon(back)).toEqual(canon(model));
      expect(canon(readIpcStream(writeIpcStream(back)))).toEqual(canon(model));
    });
  }

  test("legacy framing without continuation markers", () => {
    const bytes = writeIpcStream(modelOf(allTypes()));
    const dv = new DataView(bytes.buffer, bytes.byteOffset);
    const l1 = dv.getInt32(4, true);
    const l2 = dv.getInt32(12 + l1, true);
    const legacy = new Uint8Array(bytes.length - 12);
    const ldv = new DataView(legacy.buffer);
    ldv.setInt32(0, l1, true);
    legacy.set(bytes.subarray(8, 8 + l1), 4);
    ldv.setInt32(4 + l1, l2, true);
    legacy.set(bytes.subarray(16 + l1, bytes.length - 8), 8 + l1);
    expect(canon(readIpcStream(legacy))).toEqual(canon(readIpcStream(bytes)));
  });

  test("stream without EOS marker", () => {
    const bytes = writeIpcStream(modelOf(allTypes()));
    expect(canon(readIpcStream(bytes.subarray(0, bytes.length - 8)))).toEqual(canon(readIpcStream(bytes)));
  });
});

describe("rejections", () => {
  const schemaOnly = (): Uint8Array => {
    const bytes = writeIpcStream(modelOf(emptyTable()));
    const len = new DataView(bytes.buffer).getInt32(4, true);
    const out = new Uint8Array(8 + len + 8);
    out.set(bytes.subarray(0, 8 + len));
    out.set([255, 255, 255, 255], 8 + len);
    return out;
  };

  test("no record batch", () => {
    expect(() => readIpcStream(schemaOnly())).toThrow("No RecordBatch in stream");
  });

  test("two record batches", () => {
    const t = allTypes();
    const two = new A.Table(t.schema, [t.batches[0]!, t.batches[0]!]);
    expect(() => readIpcStream(A.tableToIPC(two, "stream"))).toThrow("Found 2 batches in stream - expected just one.");
  });

  test("dictionaries", () => {
    const dict = A.vectorFromArray(["a", "b", "a"], new A.Dictionary(new A.Utf8(), new A.Int32()));
    expect(() => readIpcStream(A.tableToIPC(new A.Table({ d: dict }), "stream"))).toThrow(/Dictionary/);
  });

  test("body compression", () => {
    const meta = buildFlatbuffer(table(i16(4), u8(3), table(i64(0), nums(8, 2, []), nums(8, 2, []), table(u8(0), u8(0))), i64(0)));
    const schema = schemaOnly();
    const out = new Uint8Array(schema.length + 8 + meta.length);
    out.set(schema.subarray(0, schema.length - 8));
    new DataView(out.buffer).setInt32(schema.length - 8, -1, true);
    new DataView(out.buffer).setInt32(schema.length - 4, meta.length, true);
    out.set(meta, schema.length);
    out.set([255, 255, 255, 255, 0, 0, 0, 0], schema.length + meta.length);
    expect(() => readIpcStream(out)).toThrow(/Compressed/);
  });

  test("deep nesting", () => {
    let type: DataType = { kind: "null" };
    let col: ArrayData = { type, length: 0, nullCount: 0, validity: null, offsets: null, values: null, typeIds: null, children: [] };
    for (let i = 0; i < 100; i++) {
      type = { kind: "list", child: { name: "item", type, nullable: true, metadata: new Map() } };
      col = { ...col, type, offsets: new Int32Array(1), children: [col] };
    }
    const bytes = writeIpcStream({ schema: { fields: [{ name: "x", type, nullable: true, metadata: new Map() }], metadata: new Map() }, length: 0, columns: [col] });
    expect(() => readIpcStream(bytes)).toThrow(/nesting/);
  });

  test("shared sub-tables (a DAG schema expanding to 2^40 fields) fail fast", () => {
    const empty = (type: DataType): ArrayData => ({ type, length: 0, nullCount: 0, validity: null, offsets: null, values: null, typeIds: null, children: [] });
    const nullField: Field = { name: "n", type: { kind: "null" }, nullable: true, metadata: new Map() };
    let type: DataType = { kind: "null" };
    let col = empty(type);
    for (let i = 0; i < 40; i++) {
      type = { kind: "struct", children: [{ name: "s", type, nullable: true, metadata: new Map() }, nullField] };
      col = { ...empty(type), children: [col, empty(nullField.type)] };
    }
    const bytes = writeIpcStream({ schema: { fields: [{ name: "x", type, nullable: true, metadata: new Map() }], metadata: new Map() }, length: 0, columns: [col] });
    const meta = bytes.subarray(8, 8 + new DataView(bytes.buffer).getInt32(4, true));
    const dv = new DataView(meta.buffer, meta.byteOffset);
    let field = new FbReader(meta).root().table(2)!.tables(1)[0]!;
    for (let i = 0; i < 40; i++) {
      const slots = field.vector(5, 4)!;
      const next = field.tables(5)[0]!;
      dv.setUint32(slots.start + 4, dv.getUint32(slots.start, true) - 4, true); // 2nd child := 1st child
      field = next;
    }
    const t0 = performance.now();
    expect(() => readIpcStream(bytes)).toThrow(/references more data/);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  test("empty and garbage input", () => {
    expect(() => readIpcStream(new Uint8Array(0))).toThrow(/Empty/);
    expect(() => readIpcStream(new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0]))).toThrow(/Empty/);
    expect(() => readIpcStream(new Uint8Array([255, 255, 255, 255, 255, 255, 255, 127]))).toThrow(/exceeds/);
  });
});

describe("malformed input", () => {
  /** Runs the reader; it must either succeed (with a re-writable result) or throw a plain one-line Error. */
  function probe(bytes: Uint8Array): "ok" | "error" {
    let rb: RecordBatch;
    try {
      rb = readIpcStream(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).constructor).toBe(Error);
      expect((e as Error).message.length).toBeGreaterThan(0);
      expect((e as Error).message).not.toContain("\n");
      return "error";
    }
    expect(canon(readIpcStream(writeIpcStream(rb)))).toEqual(canon(rb));
    return "ok";
  }

  const valid = writeIpcStream(modelOf(allTypes()));
  const fromArrow = A.tableToIPC(allTypes(), "stream");

  test("truncated at every position", () => {
    for (const bytes of [valid, fromArrow]) {
      const eos = bytes.length - 8;
      for (let cut = 0; cut < bytes.length; cut++) {
        const result = probe(bytes.slice(0, cut));
        if (cut < eos) expect(result).toBe("error");
      }
    }
  });

  let seed = 0x2545f491;
  const rand = (n: number): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };

  test("random bit flips anywhere", () => {
    for (let v = 0; v < 300; v++) {
      const bytes = (v % 2 ? valid : fromArrow).slice();
      for (let k = 1 + rand(3); k > 0; k--) {
        const p = rand(bytes.length);
        bytes[p]! ^= 1 << rand(8);
      }
      probe(bytes);
    }
  });

  test("random bit flips and byte smashes in the metadata", () => {
    const dv = new DataView(valid.buffer);
    const l1 = dv.getInt32(4, true);
    const l2 = dv.getInt32(12 + l1, true);
    const regions = [[0, 8 + l1], [8 + l1, 16 + l1 + l2]] as const;
    let errors = 0;
    for (let v = 0; v < 400; v++) {
      const bytes = valid.slice();
      const [lo, hi] = regions[v % 2]!;
      for (let k = 1 + rand(4); k > 0; k--) {
        const p = lo + rand(hi - lo);
        if (v % 4 < 2) bytes[p]! ^= 1 << rand(8);
        else bytes[p] = [0, 255, 127, 128][rand(4)]!;
      }
      if (probe(bytes) === "error") errors++;
    }
    expect(errors).toBeGreaterThan(50);
  });

  test("random garbage", () => {
    for (let v = 0; v < 200; v++) {
      const bytes = new Uint8Array(8 + rand(512));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rand(256);
      if (v % 2) bytes.set([255, 255, 255, 255, rand(256), 0, 0, 0]);
      probe(bytes);
    }
  });
});
