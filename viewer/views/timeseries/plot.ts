/** Drawing of a time-series plot: axes, each series (min/max per bucket, line through the last values, or markers), the time cursor. */
import type { Series, TimeType } from "../../api/types.ts";
import { css, type Rgba } from "../../data/colors.ts";
import { drawAxes, type Frame, sx, sy } from "./axes.ts";

/** How one series is drawn. */
export interface Style {
  color: Rgba;
  width: number;
  name: string;
  points: boolean;
  markerSize: number;
}

/** What to draw: visible series with their styles, the time range (from `base`), an optional fixed value range, the cursor. */
export interface PlotInput {
  series: readonly Series[];
  style(entity: string): Style;
  base: bigint;
  to: bigint;
  values: [number, number] | null;
  /** The time cursor (null: not drawn, see drawCursor). */
  cursor: bigint | null;
  timeType: TimeType;
}

/** Draws the plot on the whole canvas (device pixels, `dpr` scale); returns its frame for hit testing. */
export function drawPlot(ctx: CanvasRenderingContext2D, width: number, height: number, dpr: number, p: PlotInput): Frame {
  let y0 = Infinity, y1 = -Infinity;
  for (const s of p.series) for (const q of s.points) if (q.t >= p.base && q.t <= p.to) (y0 = Math.min(y0, q.min)), (y1 = Math.max(y1, q.max));
  if (!(y0 <= y1)) [y0, y1] = [0, 1];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const pad = (y1 - y0) * 0.05;
  const [fy0, fy1] = p.values ?? [y0 - pad, y1 + pad];
  const f: Frame = { left: 64 * dpr, top: 8 * dpr, width: width - 72 * dpr, height: height - 30 * dpr, x0: 0, x1: Number(p.to - p.base), y0: fy0, y1: fy1 };
  drawAxes(ctx, f, Number(p.base), p.timeType, dpr);
  ctx.save();
  ctx.beginPath();
  ctx.rect(f.left, f.top, f.width, f.height);
  ctx.clip();
  for (const s of p.series) {
    const st = p.style(s.entity);
    ctx.strokeStyle = ctx.fillStyle = css(st.color);
    ctx.lineWidth = st.width * dpr;
    ctx.beginPath();
    if (st.points) {
      for (const q of s.points) {
        const x = sx(f, Number(q.t - p.base)), y = sy(f, q.last);
        ctx.moveTo(x + st.markerSize * dpr, y);
        ctx.arc(x, y, st.markerSize * dpr, 0, Math.PI * 2);
      }
      ctx.fill();
      continue;
    }
    s.points.forEach((q, i) => {
      const x = sx(f, Number(q.t - p.base)), y = sy(f, q.last);
      (i ? ctx.lineTo : ctx.moveTo).call(ctx, x, y);
      if (q.min !== q.max) {
        // A bucket of several samples: its min–max extent, then on from its last value.
        ctx.moveTo(x, sy(f, q.min));
        ctx.lineTo(x, sy(f, q.max));
        ctx.moveTo(x, y);
      }
    });
    ctx.stroke();
  }
  ctx.restore();
  if (p.cursor !== null) drawCursor(ctx, f, p.base, p.cursor, dpr);
  return f;
}

/** Draws the time cursor on a plot drawn with frame `f` from `base`, if it is in the visible range. */
export function drawCursor(ctx: CanvasRenderingContext2D, f: Frame, base: bigint, cursor: bigint, dpr: number): void {
  if (cursor < base || Number(cursor - base) > f.x1) return;
  const x = Math.round(sx(f, Number(cursor - base))) + 0.5;
  ctx.strokeStyle = "#e8e8e8";
  ctx.lineWidth = dpr;
  ctx.beginPath();
  ctx.moveTo(x, f.top);
  ctx.lineTo(x, f.top + f.height);
  ctx.stroke();
}
