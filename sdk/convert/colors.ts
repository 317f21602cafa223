/**
 * Colors → Rgba32 (`0xRRGGBBAA`, UInt32). Accepted, as in the Python SDK: packed numbers (or a
 * Uint32Array), [r, g, b(, a)] arrays of 0–255 integers or 0–1 floats, and flat RGB or RGBA
 * channel arrays (Uint8Array of 3n or 4n bytes; Float32Array/Float64Array of 0–1 floats).
 * RGB gets alpha 255.
 */
import { U32 } from "../../store/arrow/make.ts";
import { primitiveArray } from "../../store/arrow/typed.ts";
import type { ArrayData } from "../../store/arrow/types.ts";

/** One color or many (see the module comment). */
export type ColorLike = number | ArrayLike<number> | readonly ArrayLike<number>[];

const isFloatArray = (v: unknown) => v instanceof Float32Array || v instanceof Float64Array;

/** Rgba32 instances of `v`; `count` (the archetype's instance count) settles whether flat channels are RGB or RGBA. */
export function colorArray(v: ColorLike, count?: number): ArrayData {
  return primitiveArray(U32, packColors(v, count));
}

/** The packed colors of `v`. */
export function packColors(v: ColorLike, count?: number): Uint32Array {
  if (typeof v === "number") return Uint32Array.of(v >>> 0);
  if (v instanceof Uint32Array) return v.slice();
  const first = (v as ArrayLike<unknown>)[0];
  if (v.length > 0 && typeof first === "object") {
    const rows = v as readonly ArrayLike<number>[];
    const float = rows.some((r) => isFloatArray(r) || Array.prototype.some.call(r, (x: number) => !Number.isInteger(x)));
    return Uint32Array.from(rows, (r) => {
      if (r.length !== 3 && r.length !== 4) throw new RangeError(`a color needs 3 or 4 channels, got ${r.length}`);
      return pack(r, 0, r.length, float);
    });
  }
  const flat = v as ArrayLike<number>;
  if (!ArrayBuffer.isView(flat)) {
    const one = (flat.length === 3 || flat.length === 4) && Array.prototype.every.call(flat, (x: number) => x >= 0 && x <= 255);
    if (!one) return Uint32Array.from(flat, (x) => x >>> 0);
    return Uint32Array.of(pack(flat, 0, flat.length, Array.prototype.some.call(flat, (x: number) => !Number.isInteger(x))));
  }
  const ch = channels(flat.length, count);
  const out = new Uint32Array(flat.length / ch);
  if (flat instanceof Uint8Array || flat instanceof Uint8ClampedArray) {
    for (let i = 0, j = 0; i < out.length; i++, j += ch) out[i] = ((flat[j]! << 24) | (flat[j + 1]! << 16) | (flat[j + 2]! << 8) | (ch === 4 ? flat[j + 3]! : 255)) >>> 0;
  } else {
    const float = isFloatArray(flat);
    for (let i = 0; i < out.length; i++) out[i] = pack(flat, i * ch, ch, float);
  }
  return out;
}

function channels(n: number, count?: number): 3 | 4 {
  if (count !== undefined && count > 0) {
    if (n === 4 * count) return 4;
    if (n === 3 * count) return 3;
  }
  if (n % 3 === 0) return 3;
  if (n % 4 === 0) return 4;
  throw new RangeError(`${n} channel values are neither RGB nor RGBA triples/quads`);
}

function pack(c: ArrayLike<number>, at: number, n: number, float: boolean): number {
  const q = (x: number) => (float ? Math.round(Math.min(1, Math.max(0, x)) * 255) : Math.min(255, Math.max(0, Math.round(x))));
  const a = n === 4 ? q(c[at + 3]!) : 255;
  return ((q(c[at]!) << 24) | (q(c[at + 1]!) << 16) | (q(c[at + 2]!) << 8) | a) >>> 0;
}
