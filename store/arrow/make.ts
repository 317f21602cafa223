/** Builds `ArrayData` from plain JS values (the inverse of `valueAt`), plus short type constructors. */
import { type ArrayData, type DataType, type Field, NO_CHILDREN } from "./types.ts";
import type { JsValue } from "./values.ts";

/** A field named `item` (Arrow's list child), nullable unless told otherwise. */
export function item(type: DataType, nullable = true): Field {
  return { name: "item", type, nullable, metadata: new Map() };
}

/** Short names of the leaf types. */
export const NULL: DataType = { kind: "null" };
export const BOOL: DataType = { kind: "bool" };
export const UTF8: DataType = { kind: "utf8" };
export const F32: DataType = { kind: "float", bits: 32 };
export const F64: DataType = { kind: "float", bits: 64 };
export const U8: DataType = { kind: "int", bits: 8, signed: false };
export const U16: DataType = { kind: "int", bits: 16, signed: false };
export const U32: DataType = { kind: "int", bits: 32, signed: false };
export const U64: DataType = { kind: "int", bits: 64, signed: false };
export const I32: DataType = { kind: "int", bits: 32, signed: true };
export const I64: DataType = { kind: "int", bits: 64, signed: true };

/** `FixedSizeList<size, T>` with a non-nullable `item` child (Rerun's Vec3D etc.). */
export function fsl(size: number, type: DataType): DataType {
  return { kind: "fixed_size_list", size, child: item(type, false) };
}

/** `List<T>` with a non-nullable `item` child (Rerun's nested lists, e.g. LineStrip3D). */
export function list(type: DataType): DataType {
  return { kind: "list", child: item(type, false) };
}

/** `Struct{…}` from `[name, type, nullable?]` triples. */
export function struct(fields: [string, DataType, boolean?][]): DataType {
  return { kind: "struct", children: fields.map(([name, type, nullable]) => ({ name, type, nullable: nullable ?? false, metadata: new Map() })) };
}

const utf8 = new TextEncoder();

/** An array of `type` holding `values` (null = null slot; unions take `{ memberName: value }`). */
export function arrayFromValues(type: DataType, values: readonly JsValue[]): ArrayData {
  const n = values.length;
  const out: ArrayData = { type, length: n, nullCount: 0, validity: null, offsets: null, values: null, typeIds: null, children: NO_CHILDREN };
  if (type.kind === "null") return { ...out, nullCount: n };
  if (type.kind !== "union") {
    const nulls = values.reduce<number>((k, v) => k + (v === null ? 1 : 0), 0);
    if (nulls > 0) {
      out.nullCount = nulls;
      out.validity = bitmap(values.map((v) => v !== null));
    }
  }
  const t = type;
  switch (t.kind) {
    case "bool":
      out.values = bitmap(values.map((v) => v === true));
      break;
    case "int":
    case "timestamp":
      out.values = ints(t, values);
      break;
    case "float": {
      const nums = values.map((v) => Number(v ?? 0));
      out.values = t.bits === 16 ? Uint16Array.from(nums, toHalf) : t.bits === 32 ? Float32Array.from(nums) : Float64Array.from(nums);
      break;
    }
    case "utf8": case "large_utf8": case "binary": case "large_binary": {
      const parts = values.map((v) => (v === null ? new Uint8Array(0) : typeof v === "string" ? utf8.encode(v) : (v as Uint8Array)));
      out.offsets = offsets(parts.map((p) => p.length), t.kind.startsWith("large"));
      out.values = concatBytes(parts);
      break;
    }
    case "fixed_size_binary":
      out.values = concatBytes(values.map((v) => (v === null ? new Uint8Array(t.size) : (v as Uint8Array))));
      break;
    case "list": case "large_list": {
      const rows = values.map((v) => (v ?? []) as JsValue[]);
      out.offsets = offsets(rows.map((r) => r.length), t.kind === "large_list");
      out.children = [arrayFromValues(t.child.type, rows.flat(1))];
      break;
    }
    case "fixed_size_list":
      out.children = [arrayFromValues(t.child.type, values.flatMap((v) => (v ?? new Array<JsValue>(t.size).fill(null)) as JsValue[]))];
      break;
    case "struct":
      out.children = t.children.map((f) => arrayFromValues(f.type, values.map((v) => (v === null ? null : (v as Record<string, JsValue>)[f.name] ?? null))));
      break;
    case "union": {
      const picks = values.map((v) => {
        const [name, x] = Object.entries((v ?? {}) as Record<string, JsValue>)[0] ?? [t.children[0]!.name, null];
        const k = t.children.findIndex((c) => c.name === name);
        if (k < 0) throw new Error(`Union has no member '${name}'`);
        return [k, x] as const;
      });
      out.typeIds = Int8Array.from(picks, ([k]) => t.typeIds[k]!);
      if (t.mode === "sparse") {
        out.children = t.children.map((c, k) => arrayFromValues(c.type, picks.map(([j, x]) => (j === k ? x : null))));
      } else {
        const counts = t.children.map(() => 0);
        out.offsets = Int32Array.from(picks, ([k]) => counts[k]!++);
        out.children = t.children.map((c, k) => arrayFromValues(c.type, picks.filter(([j]) => j === k).map(([, x]) => x)));
      }
      break;
    }
  }
  return out;
}

function ints(t: Extract<DataType, { kind: "int" | "timestamp" }>, values: readonly JsValue[]): Exclude<ArrayData["values"], null> {
  if (t.kind === "timestamp" || t.bits === 64) {
    const big = values.map((v) => BigInt((v ?? 0) as number | bigint));
    return t.kind === "int" && !t.signed ? BigUint64Array.from(big) : BigInt64Array.from(big);
  }
  const nums = values.map((v) => Number(v ?? 0));
  const ctor = ({ 8: [Uint8Array, Int8Array], 16: [Uint16Array, Int16Array], 32: [Uint32Array, Int32Array] } as const)[t.bits][t.signed ? 1 : 0];
  return ctor.from(nums);
}

function bitmap(bits: boolean[]): Uint8Array {
  const out = new Uint8Array((bits.length + 7) >> 3);
  bits.forEach((b, i) => b && (out[i >> 3]! |= 1 << (i & 7)));
  return out;
}

function offsets(lengths: number[], large: boolean): Int32Array | BigInt64Array {
  const o = new Float64Array(lengths.length + 1);
  lengths.forEach((len, i) => (o[i + 1] = o[i]! + len));
  return large ? BigInt64Array.from(o, (x) => BigInt(x)) : Int32Array.from(o);
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

/** IEEE 754 half-precision bits of `x` (round half to even). */
function toHalf(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 65520) return sign | 0x7c00;
  if (a < 2 ** -14) return sign | roundEven(a * 2 ** 24);
  let e = Math.floor(Math.log2(a));
  if (a / 2 ** e >= 2) e++;
  else if (a / 2 ** e < 1) e--;
  const m = roundEven((a / 2 ** e - 1) * 1024);
  return sign | (((e + 15) << 10) + m);
}

function roundEven(v: number): number {
  const r = Math.floor(v), d = v - r;
  return d > 0.5 || (d === 0.5 && r % 2 === 1) ? r + 1 : r;
}
