/** Plot axes: nice value ticks and the drawing of grid lines and tick labels. */
import type { TimeType } from "../../api/types.ts";
import { formatTick, ticks, tickStep } from "../../data/time.ts";

/** The plot area and its data ranges (x relative to `base`). */
export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Data x → pixel x. */
export const sx = (f: Frame, x: number) => f.left + ((x - f.x0) / (f.x1 - f.x0 || 1)) * f.width;
/** Data y → pixel y. */
export const sy = (f: Frame, y: number) => f.top + f.height - ((y - f.y0) / (f.y1 - f.y0 || 1)) * f.height;
/** Pixel x → data x. */
export const dx = (f: Frame, px: number) => f.x0 + ((px - f.left) / f.width) * (f.x1 - f.x0);
/** Pixel y → data y. */
export const dy = (f: Frame, py: number) => f.y0 + ((f.top + f.height - py) / f.height) * (f.y1 - f.y0);

/** A tidy number label. */
export function formatValue(v: number, step: number): string {
  if (v === 0) return "0";
  if (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4) return v.toExponential(2);
  return v.toFixed(Math.max(0, Math.min(8, Math.ceil(-Math.log10(step)))));
}

/** Draws grid lines and tick labels (device pixels, `dpr` scale); x ticks are times offset by `base`. */
export function drawAxes(ctx: CanvasRenderingContext2D, f: Frame, base: number, type: TimeType, dpr: number): void {
  ctx.font = `${11 * dpr}px sans-serif`;
  ctx.lineWidth = 1;
  const xs = tickStep(f.x1 - f.x0, f.width / (110 * dpr), type);
  ctx.fillStyle = "#9aa0a6";
  ctx.strokeStyle = "#2c3035";
  ctx.textAlign = "center";
  for (const t of ticks(f.x0 + base, f.x1 + base, xs)) {
    const x = Math.round(sx(f, t - base)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, f.top);
    ctx.lineTo(x, f.top + f.height);
    ctx.stroke();
    ctx.fillText(formatTick(t, xs, type), x, f.top + f.height + 14 * dpr);
  }
  const yStep = niceStep(f.y1 - f.y0, f.height / (40 * dpr));
  ctx.textAlign = "right";
  for (const v of ticks(f.y0, f.y1, yStep)) {
    const y = Math.round(sy(f, v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(f.left, y);
    ctx.lineTo(f.left + f.width, y);
    ctx.stroke();
    ctx.fillText(formatValue(v, yStep), f.left - 6 * dpr, y + 4 * dpr);
  }
}

/** 1, 2 or 5 × 10^k spacing for about `count` ticks over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 0;
  const p = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * p >= raw) ?? 10) * p;
}
