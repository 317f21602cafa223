/** Points2D (with keypoint connections), Boxes2D, LineStrips2D and Arrows2D on a 2D canvas. */
import { count, type EntityRow, firstNumber, floats } from "../../data/cells.ts";
import { css } from "../../data/colors.ts";
import { C } from "../../data/names.ts";
import { type Contexts, instanceColors, instanceLabels, instanceRadii, KEYPOINT_RADIUS, keypointPairs, showLabels } from "../shared/appearance.ts";
import { stripPoints } from "../spatial3d/lines.ts";
import type { Layer2D, Visualizer2D } from "./types.ts";

const rgbaCss = (c: Uint8Array, i: number) => `rgba(${c[i * 4]},${c[i * 4 + 1]},${c[i * 4 + 2]},${c[i * 4 + 3]! / 255})`;
/** A radius in device pixels (negative radii are UI points). */
const radiusPx = (r: number, px: number) => (r < 0 ? -r * (window.devicePixelRatio || 1) : r * px);

interface Common {
  n: number;
  rgba: Uint8Array;
  radii: Float32Array;
  labels: (string | null)[];
  order: number;
}

function common(row: EntityRow, n: number, contexts: Contexts, defaultRadius: number, defaultOrder: number): Common {
  return {
    n,
    rgba: instanceColors(row, n, contexts),
    radii: instanceRadii(row, n, defaultRadius),
    labels: showLabels(row, n) ? instanceLabels(row, n, contexts) : [],
    order: firstNumber(row.cells.get(C.DrawOrder), defaultOrder),
  };
}

function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, px: number, color: string): void {
  const dpr = window.devicePixelRatio || 1;
  ctx.save();
  ctx.scale(1 / px, 1 / px);
  ctx.font = `${12 * dpr}px sans-serif`;
  const w = ctx.measureText(text).width + 8 * dpr;
  ctx.fillStyle = "rgba(20,22,25,0.85)";
  ctx.fillRect(x * px - w / 2, y * px - 26 * dpr, w, 18 * dpr);
  ctx.strokeStyle = color;
  ctx.strokeRect(x * px - w / 2, y * px - 26 * dpr, w, 18 * dpr);
  ctx.fillStyle = "#e8e8e8";
  ctx.textAlign = "center";
  ctx.fillText(text, x * px, y * px - 13 * dpr);
  ctx.restore();
}

function bbox(xy: ArrayLike<number>): [number, number, number, number] | null {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    x0 = Math.min(x0, xy[i]!), x1 = Math.max(x1, xy[i]!), y0 = Math.min(y0, xy[i + 1]!), y1 = Math.max(y1, xy[i + 1]!);
  }
  return x0 <= x1 ? [x0, y0, x1, y1] : null;
}

export const points2d: Visualizer2D = {
  archetype: "Points2D",
  components: [C.Position2D, C.Radius, C.Color, C.Text, C.ShowLabels, C.DrawOrder, C.ClassId, C.KeypointId],
  build(row, env): Layer2D | null {
    const n = count(row.cells.get(C.Position2D));
    if (!n) return null;
    const xy = floats(row.cells.get(C.Position2D), 2), c = common(row, n, env.contexts, -1.5, 30);
    const pairs = keypointPairs(row, n, env.contexts);
    return {
      drawOrder: c.order,
      bounds: bbox(xy),
      draw(ctx, px, selected) {
        ctx.lineWidth = (2 * radiusPx(KEYPOINT_RADIUS, px)) / px;
        for (const { a, b, color } of pairs) {
          ctx.strokeStyle = css(color);
          ctx.beginPath();
          ctx.moveTo(xy[a * 2]!, xy[a * 2 + 1]!);
          ctx.lineTo(xy[b * 2]!, xy[b * 2 + 1]!);
          ctx.stroke();
        }
        for (let i = 0; i < n; i++) {
          const r = radiusPx(c.radii[i]!, px) / px;
          ctx.fillStyle = rgbaCss(c.rgba, i);
          ctx.beginPath();
          ctx.arc(xy[i * 2]!, xy[i * 2 + 1]!, r, 0, Math.PI * 2);
          ctx.fill();
          if (selected(i)) {
            ctx.strokeStyle = "#fff";
            ctx.lineWidth = 2 / px;
            ctx.beginPath();
            ctx.arc(xy[i * 2]!, xy[i * 2 + 1]!, r + 3 / px, 0, Math.PI * 2);
            ctx.stroke();
          }
        }
        c.labels.forEach((t, i) => t && label(ctx, t, xy[i * 2]!, xy[i * 2 + 1]!, px, rgbaCss(c.rgba, i)));
      },
      pick(x, y, px) {
        let best: { instance: number; d: number } | null = null;
        for (let i = 0; i < n; i++) {
          const d = Math.hypot(xy[i * 2]! - x, xy[i * 2 + 1]! - y) * px;
          if (d <= Math.max(radiusPx(c.radii[i]!, px) + 2, 6) && (!best || d < best.d)) best = { instance: i, d };
        }
        return best;
      },
    };
  },
};

export const boxes2d: Visualizer2D = {
  archetype: "Boxes2D",
  components: [C.HalfSize2D, C.Position2D, C.Color, C.Radius, C.Text, C.ShowLabels, C.DrawOrder, C.ClassId],
  build(row, env): Layer2D | null {
    const n = count(row.cells.get(C.HalfSize2D));
    if (!n) return null;
    const half = floats(row.cells.get(C.HalfSize2D), 2), centers = floats(row.cells.get(C.Position2D), 2);
    const c = common(row, n, env.contexts, -1, 10);
    const rect = (i: number) => {
      const cx = centers.length >= i * 2 + 2 ? centers[i * 2]! : 0, cy = centers.length >= i * 2 + 2 ? centers[i * 2 + 1]! : 0;
      return [cx - Math.abs(half[i * 2]!), cy - Math.abs(half[i * 2 + 1]!), cx + Math.abs(half[i * 2]!), cy + Math.abs(half[i * 2 + 1]!)] as const;
    };
    const all = Array.from({ length: n }, (_, i) => rect(i));
    return {
      drawOrder: c.order,
      bounds: bbox(all.flatMap(([a, b, x, y]) => [a, b, x, y])),
      draw(ctx, px, selected) {
        all.forEach(([x0, y0, x1, y1], i) => {
          ctx.strokeStyle = selected(i) ? "#fff" : rgbaCss(c.rgba, i);
          ctx.lineWidth = (2 * radiusPx(c.radii[i]!, px)) / px;
          ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
          const t = c.labels[i];
          if (t) label(ctx, t, (x0 + x1) / 2, y0, px, rgbaCss(c.rgba, i));
        });
      },
      pick(x, y, px) {
        let best: { instance: number; d: number } | null = null;
        all.forEach(([x0, y0, x1, y1], i) => {
          const inside = x >= x0 && x <= x1 && y >= y0 && y <= y1;
          const edge = Math.min(Math.abs(x - x0), Math.abs(x - x1), Math.abs(y - y0), Math.abs(y - y1)) * px;
          const d = inside ? edge : Infinity;
          if (d < Infinity && (!best || d < best.d)) best = { instance: i, d };
        });
        return best;
      },
    };
  },
};

function polylines(kind: "strips" | "arrows") {
  return (row: EntityRow, env: Parameters<Visualizer2D["build"]>[1]): Layer2D | null => {
    const strips: Float32Array[] = [];
    if (kind === "strips") {
      const cell = row.cells.get(C.LineStrip2D);
      for (let i = 0; i < count(cell); i++) strips.push(stripPoints(cell!, i, 2));
    } else {
      const v = floats(row.cells.get(C.Vector2D), 2), o = floats(row.cells.get(C.Position2D), 2);
      for (let i = 0; i < v.length / 2; i++) {
        const ox = o[i * 2] ?? 0, oy = o[i * 2 + 1] ?? 0;
        strips.push(Float32Array.of(ox, oy, ox + v[i * 2]!, oy + v[i * 2 + 1]!));
      }
    }
    const n = strips.length;
    if (!n) return null;
    const c = common(row, n, env.contexts, kind === "strips" ? -0.75 : -1, 20);
    const seg = (p: Float32Array, k: number, x: number, y: number) => {
      const ax = p[k]!, ay = p[k + 1]!, bx = p[k + 2]!, by = p[k + 3]!;
      const dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
      const t = l2 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2)) : 0;
      return Math.hypot(ax + t * dx - x, ay + t * dy - y);
    };
    return {
      drawOrder: c.order,
      bounds: bbox(strips.flatMap((s) => [...s])),
      draw(ctx, px, selected) {
        strips.forEach((p, i) => {
          ctx.strokeStyle = selected(i) ? "#fff" : rgbaCss(c.rgba, i);
          ctx.fillStyle = ctx.strokeStyle;
          ctx.lineWidth = (2 * radiusPx(c.radii[i]!, px)) / px;
          ctx.lineJoin = "round";
          ctx.beginPath();
          for (let k = 0; k + 1 < p.length; k += 2) (k ? ctx.lineTo : ctx.moveTo).call(ctx, p[k]!, p[k + 1]!);
          ctx.stroke();
          if (kind === "arrows" && p.length >= 4) {
            const [ax, ay, bx, by] = [p[0]!, p[1]!, p[2]!, p[3]!], ang = Math.atan2(by - ay, bx - ax), head = Math.max(ctx.lineWidth * 4, 8 / px);
            ctx.beginPath();
            ctx.moveTo(bx, by);
            ctx.lineTo(bx - head * Math.cos(ang - 0.4), by - head * Math.sin(ang - 0.4));
            ctx.lineTo(bx - head * Math.cos(ang + 0.4), by - head * Math.sin(ang + 0.4));
            ctx.fill();
          }
          const t = c.labels[i];
          if (t && p.length >= 2) label(ctx, t, p[p.length - 2]!, p[p.length - 1]!, px, rgbaCss(c.rgba, i));
        });
      },
      pick(x, y, px) {
        let best: { instance: number; d: number } | null = null;
        strips.forEach((p, i) => {
          for (let k = 0; k + 3 < p.length; k += 2) {
            const d = seg(p, k, x, y) * px;
            if (d <= Math.max(radiusPx(c.radii[i]!, px) + 3, 5) && (!best || d < best.d)) best = { instance: i, d };
          }
        });
        return best;
      },
    };
  };
}

export const lineStrips2d: Visualizer2D = {
  archetype: "LineStrips2D",
  components: [C.LineStrip2D, C.Radius, C.Color, C.Text, C.ShowLabels, C.DrawOrder, C.ClassId],
  build: polylines("strips"),
};

export const arrows2d: Visualizer2D = {
  archetype: "Arrows2D",
  components: [C.Vector2D, C.Position2D, C.Radius, C.Color, C.Text, C.ShowLabels, C.DrawOrder, C.ClassId],
  build: polylines("arrows"),
};
