/** Drawing of the time panel's canvas: the ruler, the data density per entity, the cursor. */
import type { EntityInfo, TimelineInfo } from "../api/types.ts";
import { formatTick, ticks, tickStep } from "../data/time.ts";
import type { State } from "../state/store.ts";

/** Ruler height and entity row height, CSS pixels. */
export const RULER = 24;
export const ROW = 18;

/** The visible time range as offsets from the timeline's min, and the canvas width it maps to. */
export interface TimeScale {
  tl: TimelineInfo;
  v0: number;
  v1: number;
  width: number;
}

/** The x (canvas pixels) of time `t`. */
export function xOf(s: TimeScale, t: bigint): number {
  return ((Number(t - s.tl.min) - s.v0) / (s.v1 - s.v0)) * s.width;
}

/** The time offset (from the timeline's min) at x. */
export function offsetAt(s: TimeScale, x: number): number {
  return s.v0 + (x / s.width) * (s.v1 - s.v0);
}

/** Draws the whole canvas: `rows` are the entity paths listed (scrolled by `scroll` CSS pixels). */
export function drawTimeCanvas(ctx: CanvasRenderingContext2D, height: number, dpr: number, sc: TimeScale, rows: readonly EntityInfo[], scroll: number, s: State): void {
  const { tl, v0, v1, width: w } = sc;
  const tstep = tickStep(v1 - v0, w / (120 * dpr), tl.type);
  ctx.font = `${11 * dpr}px sans-serif`;
  ctx.textAlign = "left";
  const base = Number(tl.min);
  for (const t of ticks(v0 + base, v1 + base, tstep)) {
    const x = Math.round(((t - base - v0) / (v1 - v0)) * w) + 0.5;
    ctx.fillStyle = "#2a2e33";
    ctx.fillRect(x, RULER * dpr, 1, height);
    ctx.fillStyle = "#8a9096";
    ctx.fillRect(x, RULER * dpr - 6 * dpr, 1, 6 * dpr);
    const label = formatTick(t, tstep, tl.type);
    if (x + 3 * dpr + ctx.measureText(label).width < w) ctx.fillText(label, x + 3 * dpr, 13 * dpr);
  }
  // Data density: the summary row, then one row per entity.
  const times = s.dataTimes?.timeline === tl.name ? s.dataTimes : null;
  const rowY = (i: number) => (RULER + (i + 1) * ROW - scroll) * dpr;
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, RULER * dpr, w, height);
  ctx.clip();
  const density = (y: number, entity: EntityInfo | null) => {
    if (y + ROW * dpr < RULER * dpr || y > height) return;
    ctx.fillStyle = entity === null ? "#5a8fd8" : "#3d6fb8";
    const list = times ? (entity === null ? times.all : times.byEntity.get(entity.path)) : null;
    if (list) {
      // Exact data times: one tick each (at most one per pixel).
      let lastX = -10;
      for (const t of list) {
        const x = xOf(sc, t);
        if (x < -2 || x > w + 2 || x - lastX < 1) continue;
        ctx.fillRect(x - dpr, y + 4 * dpr, 2 * dpr, (ROW - 8) * dpr);
        lastX = x;
      }
      return;
    }
    // Too many rows to list: a band over each entity's extent, denser where more rows per pixel.
    const ranges = (entity ? [entity] : s.entities).map((e) => e.timelines[tl.name]).filter((r) => r !== undefined);
    for (const r of ranges) {
      const x0 = xOf(sc, r.min), x1 = Math.max(xOf(sc, r.max), x0 + 2 * dpr);
      ctx.globalAlpha = Math.min(0.9, 0.25 + r.rows / Math.max(1, (x1 - x0) / dpr));
      ctx.fillRect(x0, y + 4 * dpr, x1 - x0, (ROW - 8) * dpr);
    }
    ctx.globalAlpha = 1;
  };
  ctx.fillStyle = "#16191c";
  ctx.fillRect(0, rowY(-1), w, ROW * dpr);
  density(rowY(-1), null);
  rows.forEach((e, i) => {
    if (s.selection?.path === e.path) {
      ctx.fillStyle = "#1d3350";
      ctx.fillRect(0, rowY(i), w, ROW * dpr);
    }
    density(rowY(i), e);
  });
  ctx.restore();
  const cx = Math.round(xOf(sc, s.time)) + 0.5;
  ctx.fillStyle = "#e8e8e8";
  ctx.fillRect(cx - dpr / 2, RULER * dpr - 8 * dpr, dpr, height);
  ctx.beginPath();
  ctx.moveTo(cx - 6 * dpr, RULER * dpr - 10 * dpr);
  ctx.lineTo(cx + 6 * dpr, RULER * dpr - 10 * dpr);
  ctx.lineTo(cx, RULER * dpr - 2 * dpr);
  ctx.fill();
}
