/**
 * Raw images (Image, DepthImage, SegmentationImage) → RGBA pixels. Color models L/RGB/RGBA/BGR/BGRA
 * in any channel datatype (non-u8 values are scaled by their range), NV12, YUY2 and Y8; depth goes
 * through a colormap, segmentation through the class colors.
 */
import { colormapLut } from "./colormaps.ts";
import type { Rgba } from "./colors.ts";

/** The ImageFormat component value. */
export interface ImageFormat {
  width: number;
  height: number;
  pixel_format: number | null;
  color_model: number | null;
  channel_datatype: number | null;
}

/** Decoded pixels plus the raw samples (for hover readouts). */
export interface DecodedImage {
  width: number;
  height: number;
  rgba: Uint8ClampedArray<ArrayBuffer>;
  channels: number;
  /** The raw channel values, `channels` per pixel (absent for YUV formats). */
  samples: ArrayLike<number> | null;
}

const CHANNELS: Record<number, number> = { 1: 1, 2: 3, 3: 4, 4: 3, 5: 4 };

type Ctor = { new (b: ArrayBuffer, o: number, n: number): ArrayLike<number>; BYTES_PER_ELEMENT: number };
const DATATYPES: Record<number, Ctor | "f16"> = {
  6: Uint8Array, 7: Int8Array, 8: Uint16Array, 9: Int16Array, 10: Uint32Array, 11: Int32Array,
  33: "f16", 34: Float32Array, 35: Float64Array,
};

/** The channel values of `buf` as numbers of the format's datatype. */
function channelValues(buf: Uint8Array, datatype: number): ArrayLike<number> {
  const ctor = DATATYPES[datatype] ?? Uint8Array;
  if (ctor === "f16") {
    const u16 = channelValues(buf, 8);
    return Float32Array.from(u16 as Uint16Array, halfToFloat);
  }
  const n = Math.floor(buf.byteLength / ctor.BYTES_PER_ELEMENT);
  const aligned = buf.byteOffset % ctor.BYTES_PER_ELEMENT === 0 ? buf : buf.slice();
  return new ctor(aligned.buffer as ArrayBuffer, aligned.byteOffset, n);
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1, e = (h >> 10) & 0x1f, f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** [min, max] of finite values (sampled for huge arrays). */
export function valueRange(v: ArrayLike<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  const step = Math.max(1, Math.floor(v.length / 1_000_000));
  for (let i = 0; i < v.length; i += step) {
    const x = v[i]!;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** A color image → RGBA. */
export function decodeColor(buf: Uint8Array, f: ImageFormat): DecodedImage {
  const { width: w, height: h } = f;
  const rgba = new Uint8ClampedArray(w * h * 4);
  if (f.pixel_format !== null) {
    decodeYuv(buf, f.pixel_format, w, h, rgba);
    return { width: w, height: h, rgba, channels: 0, samples: null };
  }
  const model = f.color_model ?? 1, ch = CHANNELS[model] ?? 1;
  const v = channelValues(buf, f.channel_datatype ?? 6);
  const isU8 = (f.channel_datatype ?? 6) === 6;
  const [lo, hi] = isU8 ? [0, 255] : floatRange(v, f.channel_datatype ?? 6);
  const k = 255 / (hi - lo || 1);
  const bgr = model === 4 || model === 5;
  for (let p = 0, n = Math.min(w * h, Math.floor(v.length / ch)); p < n; p++) {
    const s = p * ch, d = p * 4;
    if (ch === 1) {
      rgba[d] = rgba[d + 1] = rgba[d + 2] = (v[s]! - lo) * k;
    } else {
      rgba[d] = (v[s + (bgr ? 2 : 0)]! - lo) * k;
      rgba[d + 1] = (v[s + 1]! - lo) * k;
      rgba[d + 2] = (v[s + (bgr ? 0 : 2)]! - lo) * k;
    }
    rgba[d + 3] = ch === 4 ? (v[s + 3]! - lo) * k : 255;
  }
  return { width: w, height: h, rgba, channels: ch, samples: v };
}

/** Integer types use their full range, floats 0..1 unless the data says otherwise. */
function floatRange(v: ArrayLike<number>, datatype: number): [number, number] {
  const full: Record<number, [number, number]> = { 7: [-128, 127], 8: [0, 65535], 9: [-32768, 32767], 10: [0, 2 ** 32 - 1], 11: [-(2 ** 31), 2 ** 31 - 1] };
  if (full[datatype]) {
    const [lo, hi] = valueRange(v);
    return datatype === 8 && hi <= 4095 ? [0, hi > 1023 ? 4095 : hi > 255 ? 1023 : 255] : lo >= 0 && hi <= 255 ? [0, 255] : full[datatype]!;
  }
  const [lo, hi] = valueRange(v);
  return lo >= 0 && hi <= 1 ? [0, 1] : [lo, hi];
}

function decodeYuv(buf: Uint8Array, pf: number, w: number, h: number, out: Uint8ClampedArray): void {
  const put = (p: number, y: number, u: number, v: number) => {
    const c = y - 16, d = u - 128, e = v - 128;
    out[p * 4] = 1.164 * c + 1.596 * e;
    out[p * 4 + 1] = 1.164 * c - 0.392 * d - 0.813 * e;
    out[p * 4 + 2] = 1.164 * c + 2.017 * d;
    out[p * 4 + 3] = 255;
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      if (pf === 26) {
        const uv = w * h + (y >> 1) * w + (x & ~1);
        put(p, buf[p]!, buf[uv]!, buf[uv + 1]!);
      } else if (pf === 27) {
        const b = (y * w + (x & ~1)) * 2;
        put(p, buf[b + (x & 1) * 2]!, buf[b + 1]!, buf[b + 3]!);
      } else {
        out[p * 4] = out[p * 4 + 1] = out[p * 4 + 2] = buf[p]!;
        out[p * 4 + 3] = 255;
      }
    }
  }
}

/** A depth image → colormapped RGBA; `range` defaults to [0, max]. */
export function decodeDepth(buf: Uint8Array, f: ImageFormat, colormap: number, range: [number, number] | null): DecodedImage {
  const { width: w, height: h } = f;
  const v = channelValues(buf, f.channel_datatype ?? 6);
  const [lo, hi] = range ?? [0, valueRange(v)[1]];
  const lut = colormapLut(colormap), rgba = new Uint8ClampedArray(w * h * 4), k = 255 / (hi - lo || 1);
  for (let p = 0, n = Math.min(w * h, v.length); p < n; p++) {
    const x = v[p]!;
    if (!(x > 0)) continue;
    const i = Math.max(0, Math.min(255, Math.round((x - lo) * k))) * 3;
    rgba[p * 4] = lut[i]!;
    rgba[p * 4 + 1] = lut[i + 1]!;
    rgba[p * 4 + 2] = lut[i + 2]!;
    rgba[p * 4 + 3] = 255;
  }
  return { width: w, height: h, rgba, channels: 1, samples: v };
}

/** A segmentation image → RGBA through `colorOf(classId)`; class 0 without a color stays transparent. */
export function decodeSegmentation(buf: Uint8Array, f: ImageFormat, colorOf: (id: number) => Rgba | null, opacity: number): DecodedImage {
  const { width: w, height: h } = f;
  const v = channelValues(buf, f.channel_datatype ?? 6), rgba = new Uint8ClampedArray(w * h * 4);
  const cache = new Map<number, Rgba | null>();
  for (let p = 0, n = Math.min(w * h, v.length); p < n; p++) {
    const id = v[p]!;
    let c = cache.get(id);
    if (c === undefined) cache.set(id, (c = colorOf(id)));
    if (!c) continue;
    rgba.set([c[0], c[1], c[2], c[3] * opacity], p * 4);
  }
  return { width: w, height: h, rgba, channels: 1, samples: v };
}
