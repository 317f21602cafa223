/** Reads Arrow values out of `ArrayData` as plain JS values (for tools, tests and the query API). */
import type { ArrayData } from "./types.ts";

/** A JS value of one Arrow slot: null, boolean, number, bigint, string, bytes, list or struct object. */
export type JsValue = null | boolean | number | bigint | string | Uint8Array | JsValue[] | { [k: string]: JsValue };

/** True if slot `i` is valid (not null). */
export function isValid(a: ArrayData, i: number): boolean {
  if (a.type.kind === "null") return false;
  return a.validity === null || ((a.validity[i >> 3]! >> (i & 7)) & 1) === 1;
}

const utf8 = new TextDecoder();

/** The value of slot `i`. */
export function valueAt(a: ArrayData, i: number): JsValue {
  if (!isValid(a, i)) return null;
  const t = a.type;
  switch (t.kind) {
    case "null":
      return null;
    case "bool":
      return (((a.values as Uint8Array)[i >> 3]! >> (i & 7)) & 1) === 1;
    case "int":
    case "timestamp":
      return a.values![i]!;
    case "float":
      return t.bits === 16 ? halfToNumber(a.values![i] as number) : (a.values![i] as number);
    case "utf8":
    case "large_utf8":
      return utf8.decode(bytesAt(a, i));
    case "binary":
    case "large_binary":
      return bytesAt(a, i);
    case "fixed_size_binary":
      return (a.values as Uint8Array).subarray(i * t.size, (i + 1) * t.size);
    case "list":
    case "large_list": {
      const [s, e] = range(a, i);
      const out: JsValue[] = [];
      for (let j = s; j < e; j++) out.push(valueAt(a.children[0]!, j));
      return out;
    }
    case "fixed_size_list": {
      const out: JsValue[] = [];
      for (let j = i * t.size; j < (i + 1) * t.size; j++) out.push(valueAt(a.children[0]!, j));
      return out;
    }
    case "struct": {
      const out: { [k: string]: JsValue } = {};
      t.children.forEach((f, k) => (out[f.name] = valueAt(a.children[k]!, i)));
      return out;
    }
    case "union": {
      const id = a.typeIds![i]!;
      const k = t.typeIds.indexOf(id);
      const j = t.mode === "dense" ? (a.offsets as Int32Array)[i]! : i;
      return { [t.children[k]!.name]: valueAt(a.children[k]!, j) };
    }
  }
}

/** The child range [start, end) of list or binary slot `i`. */
export function range(a: ArrayData, i: number): [number, number] {
  const o = a.offsets!;
  return [Number(o[i]!), Number(o[i + 1]!)];
}

function bytesAt(a: ArrayData, i: number): Uint8Array {
  const [s, e] = range(a, i);
  return (a.values as Uint8Array).subarray(s, e);
}

function halfToNumber(h: number): number {
  const s = h & 0x8000 ? -1 : 1, e = (h >> 10) & 0x1f, f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** Renders a value compactly, e.g. `[[1, 2, 3]]`, bytes as `<12 bytes>`. */
export function formatValue(v: JsValue, maxItems = 8): string {
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v !== "object") return String(v);
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  if (Array.isArray(v)) {
    const shown = v.slice(0, maxItems).map((x) => formatValue(x, maxItems));
    return `[${shown.join(", ")}${v.length > maxItems ? `, … (${v.length} total)` : ""}]`;
  }
  return `{${Object.entries(v).map(([k, x]) => `${k}: ${formatValue(x, maxItems)}`).join(", ")}}`;
}

/** Deep equality of two JS values (NaN equals NaN, bytes compared by content). */
export function valuesEqual(x: JsValue, y: JsValue): boolean {
  if (x === y) return true;
  if (typeof x === "number" && typeof y === "number") return Number.isNaN(x) && Number.isNaN(y);
  if (x === null || y === null || typeof x !== "object" || typeof y !== "object") return false;
  if (x instanceof Uint8Array || y instanceof Uint8Array) {
    return x instanceof Uint8Array && y instanceof Uint8Array && x.length === y.length && x.every((b, i) => b === y[i]);
  }
  if (Array.isArray(x) || Array.isArray(y)) {
    return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((e, i) => valuesEqual(e, y[i]!));
  }
  const kx = Object.keys(x), ky = Object.keys(y);
  return kx.length === ky.length && kx.every((k) => k in y && valuesEqual(x[k]!, y[k]!));
}
