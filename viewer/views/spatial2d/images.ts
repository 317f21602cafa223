/** Image, DepthImage, SegmentationImage and EncodedImage layers in 2D, with pixel readouts on hover. */
import { classInfo } from "../../data/annotations.ts";
import { type EntityRow, firstNumber } from "../../data/cells.ts";
import { C } from "../../data/names.ts";
import { type Bitmap, type ImageKind, loadImage } from "../shared/image-cache.ts";
import type { Env2D, Layer2D, Visualizer2D } from "./types.ts";

/** Rerun's default draw orders of the image archetypes. */
const ORDER: Record<ImageKind, number> = { Image: -10, EncodedImage: -10, SegmentationImage: 0, DepthImage: -20 };

function pixelLines(kind: ImageKind, row: EntityRow, env: Env2D, b: Bitmap, x: number, y: number): string[] {
  const d = b.decoded, lines = [`pixel (${x}, ${y})`];
  if (!d?.samples || !d.channels) return lines;
  const i = (y * d.width + x) * d.channels;
  const v = Array.from({ length: d.channels }, (_, k) => d.samples![i + k]!);
  if (kind === "DepthImage") lines.push(`depth ${(v[0]! / firstNumber(row.cells.get(C.DepthMeter), 1)).toPrecision(4)} m`);
  else if (kind === "SegmentationImage") {
    const label = classInfo(env.contexts, row.path, v[0]!).label;
    lines.push(`class ${v[0]}${label ? ` (${label})` : ""}`);
  } else lines.push(`value ${v.map((n) => (Number.isInteger(n) ? n : n.toFixed(4))).join(", ")}`);
  return lines;
}

function imageVisualizer(kind: ImageKind, components: readonly string[]): Visualizer2D {
  return {
    archetype: kind,
    components,
    build(row, env): Layer2D | null {
      let bitmap = loadImage(row, kind, env.contexts, () => {
        bitmap = loadImage(row, kind, env.contexts, () => {});
        if (bitmap) layer.bounds = [0, 0, bitmap.width, bitmap.height];
        env.invalidate();
      });
      if (!bitmap && kind !== "EncodedImage") return null;
      const opacity = firstNumber(row.cells.get(C.Opacity), kind === "SegmentationImage" ? 0.5 : 1);
      const inside = (x: number, y: number) => bitmap !== null && x >= 0 && y >= 0 && x < bitmap.width && y < bitmap.height;
      const layer: Layer2D = {
        drawOrder: firstNumber(row.cells.get(C.DrawOrder), ORDER[kind]),
        bounds: bitmap ? [0, 0, bitmap.width, bitmap.height] : null,
        draw(ctx, px) {
          if (!bitmap) return;
          ctx.save();
          ctx.imageSmoothingEnabled = px < 2;
          ctx.globalAlpha = opacity;
          ctx.drawImage(bitmap.source, 0, 0, bitmap.width, bitmap.height);
          ctx.restore();
        },
        pick: (x, y) => (inside(x, y) ? { instance: -1, d: 1e6 } : null),
        describe: (x, y) => (inside(x, y) ? pixelLines(kind, row, env, bitmap!, Math.floor(x), Math.floor(y)) : null),
      };
      return layer;
    },
  };
}

const RAW = [C.ImageBuffer, C.ImageFormat, C.Opacity, C.DrawOrder];

export const image = imageVisualizer("Image", RAW);
export const depthImage = imageVisualizer("DepthImage", [...RAW, C.DepthMeter, C.Colormap, C.ValueRange]);
export const segmentationImage = imageVisualizer("SegmentationImage", RAW);
export const encodedImageVis = imageVisualizer("EncodedImage", [C.Blob, C.MediaType, C.Opacity, C.DrawOrder]);
