/**
 * Images of one logged row, ready to draw: raw Image / DepthImage / SegmentationImage buffers
 * decoded into a canvas, EncodedImage blobs decoded by the browser. Cached per (entity, row id,
 * settings) so scrubbing back and re-rendering do not decode again.
 */
import { classInfo } from "../../data/annotations.ts";
import { type Cell, type EntityRow, firstNumber, floats, strings, values } from "../../data/cells.ts";
import { decodeColor, decodeDepth, decodeSegmentation, type DecodedImage, type ImageFormat } from "../../data/images.ts";
import { C } from "../../data/names.ts";
import type { Contexts } from "./appearance.ts";

/** A drawable image; `decoded` keeps the raw samples of raw images (for pixel readouts). */
export interface Bitmap {
  source: HTMLCanvasElement | ImageBitmap;
  width: number;
  height: number;
  decoded: DecodedImage | null;
}

/** Which image archetype a row holds. */
export type ImageKind = "Image" | "DepthImage" | "SegmentationImage" | "EncodedImage";

/** Memory kept for re-use, in bytes (RGBA in the canvas and in `decoded`, plus what the raw samples keep alive). */
const CACHE_BYTES = 192 << 20;
const cache = new Map<string, Bitmap | Promise<Bitmap | null>>();
let cachedBytes = 0;

/**
 * What an entry keeps alive: the canvas's (or bitmap's) RGBA pixels, the decoded RGBA, and the whole
 * buffer the raw samples are a view of (usually the query answer, which is larger than the samples).
 */
function sizeOf(v: Bitmap | Promise<Bitmap | null> | undefined): number {
  if (!v || v instanceof Promise) return 0;
  const samples = v.decoded?.samples, rgba = v.decoded?.rgba;
  const held = samples && ArrayBuffer.isView(samples) && samples.buffer !== rgba?.buffer ? samples.buffer.byteLength : 0;
  return v.width * v.height * 4 + (rgba?.byteLength ?? 0) + held;
}

function remember(key: string, v: Bitmap | Promise<Bitmap | null>): void {
  cachedBytes += sizeOf(v) - sizeOf(cache.get(key));
  cache.set(key, v);
  for (const [k, old] of cache) {
    if (cachedBytes <= CACHE_BYTES || k === key) break;
    cache.delete(k);
    cachedBytes -= sizeOf(old);
  }
}

/** The bytes of the first blob of a Blob or ImageBuffer cell (a view into the answer, not a copy). */
export function bytesOf(cell: Cell | undefined): Uint8Array | null {
  if (!cell || cell.end <= cell.start) return null;
  const list = cell.items, offsets = list.offsets as Int32Array;
  return (list.children[0]!.values as Uint8Array).subarray(offsets[cell.start]!, offsets[cell.start + 1]!);
}

function toBitmap(d: DecodedImage): Bitmap {
  const canvas = document.createElement("canvas");
  canvas.width = d.width;
  canvas.height = d.height;
  canvas.getContext("2d")!.putImageData(new ImageData(d.rgba, d.width, d.height), 0, 0);
  return { source: canvas, width: d.width, height: d.height, decoded: d };
}

/** The media type of common image bytes. */
function sniff(b: Uint8Array): string {
  if (b[0] === 0x89 && b[1] === 0x50) return "image/png";
  if (b[0] === 0xff && b[1] === 0xd8) return "image/jpeg";
  return "application/octet-stream";
}

/** The image of `row` now, or null (nothing logged, or an encoded image still decoding: `onLoad` is called when done). */
export function loadImage(row: EntityRow, kind: ImageKind, contexts: Contexts, onLoad: () => void): Bitmap | null {
  const cell = row.cells.get(kind === "EncodedImage" ? C.Blob : C.ImageBuffer), buf = bytesOf(cell);
  if (!cell || !buf) return null;
  const colormap = firstNumber(row.cells.get(C.Colormap), 5);
  const range = floats(row.cells.get(C.ValueRange), 2);
  const classes = kind === "SegmentationImage" ? JSON.stringify([...contexts].map(([p, m]) => [p, [...m]])) : "";
  const key = `${row.path}|${cell.rowId ?? `${cell.time}:${buf.length}`}|${kind}:${colormap}:${range.join(",")}:${classes}`;
  const hit = cache.get(key);
  if (hit instanceof Promise) {
    void hit.then(onLoad);
    return null;
  }
  if (hit) return hit;
  if (kind === "EncodedImage") {
    const type = strings(row.cells.get(C.MediaType))[0] ?? sniff(buf);
    const p = createImageBitmap(new Blob([buf.slice()], { type })).then(
      (img) => {
        const b: Bitmap = { source: img, width: img.width, height: img.height, decoded: null };
        if (cache.get(key) === p) remember(key, b);
        return b;
      },
      () => null,
    );
    remember(key, p);
    void p.then(onLoad);
    return null;
  }
  const f = values(row.cells.get(C.ImageFormat))[0] as unknown as ImageFormat | undefined;
  if (!f) return null;
  const decoded = kind === "Image" ? decodeColor(buf, f)
    : kind === "DepthImage" ? decodeDepth(buf, f, colormap, range.length === 2 ? [range[0]!, range[1]!] : null)
    : decodeSegmentation(buf, f, (id) => (id === 0 ? null : classInfo(contexts, row.path, id).color), 1);
  const b = toBitmap(decoded);
  remember(key, b);
  return b;
}
