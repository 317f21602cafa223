/**
 * The time-series view: every Scalar entity of the view as a line (SeriesLine) or markers
 * (SeriesPoint), downsampled by the server to about one bucket per pixel for the visible range.
 * Wheel zooms time (shift+wheel zooms values), drag pans, double-click resets, a click moves the
 * time cursor; the legend toggles series.
 */
import { fetchSeries } from "../../api/client.ts";
import type { Series } from "../../api/types.ts";
import { type EntityRow, firstNumber, numbers, strings } from "../../data/cells.ts";
import { css, entityColor, unpackRgba } from "../../data/colors.ts";
import { C } from "../../data/names.ts";
import { formatTime } from "../../data/time.ts";
import { catalog, currentTimeline } from "../../state/derived.ts";
import { get, isHidden, set, subscribe, type ViewSpec } from "../../state/store.ts";
import { fitCanvas, h, replaceChildren } from "../../ui/dom.ts";
import { hideTooltip, showTooltip } from "../../ui/tooltip.ts";
import { frameDrawer, onResize } from "../../ui/redraw.ts";
import type { ViewInstance } from "../registry.ts";
import { viewInstance } from "../shared/instance.ts";
import { watchLatest } from "../shared/latest.ts";
import { dx, dy, type Frame, sx, sy } from "./axes.ts";
import { PlotLayer } from "./layer.ts";
import { drawCursor, drawPlot, type Style } from "./plot.ts";

const STYLE_COMPONENTS = [C.Color, C.StrokeWidth, C.Name, C.MarkerShape, C.MarkerSize];

/** A time-series view in `el` showing `spec`. */
export function createTimeSeriesView(el: HTMLElement, initial: ViewSpec): ViewInstance {
  let spec = initial;
  const canvas = h("canvas", { class: "view-canvas", tabindex: 0, "aria-label": `Time series ${spec.title}` });
  const legend = h("div", { class: "legend" });
  el.append(canvas, legend);
  const ctx = canvas.getContext("2d")!;
  let series: Series[] = [];
  let styles: ReadonlyMap<string, EntityRow> = new Map();
  const off = new Set<string>();
  /** The visible time range (null = the whole timeline) and value range (null = automatic). */
  let xr: { from: bigint; to: bigint } | null = null;
  let yr: [number, number] | null = null;
  let frameInfo: Frame | null = null, base = 0n;
  const layer = new PlotLayer();

  const { invalidate, cancel } = frameDrawer(draw);

  function visibleRange(): { from: bigint; to: bigint } | null {
    const tl = currentTimeline();
    if (!tl) return null;
    return xr ?? { from: tl.min, to: tl.max > tl.min ? tl.max : tl.min + 1n };
  }

  function style(path: string): Style {
    const row = styles.get(path);
    const colors = numbers(row?.cells.get(C.Color));
    return {
      color: colors.length ? unpackRgba(colors[0]!) : entityColor(path),
      width: firstNumber(row?.cells.get(C.StrokeWidth), 1.5),
      name: strings(row?.cells.get(C.Name))[0] || path,
      points: catalog().has(path, "SeriesPoint") && !catalog().has(path, "SeriesLine"),
      markerSize: firstNumber(row?.cells.get(C.MarkerSize), 2),
    };
  }

  const shown = () => series.filter((s) => spec.entities.includes(s.entity) && !isHidden(s.entity));

  function draw(): void {
    const dpr = fitCanvas(canvas);
    const range = visibleRange(), tl = currentTimeline();
    const background = (c: CanvasRenderingContext2D) => {
      c.fillStyle = "#141719";
      c.fillRect(0, 0, canvas.width, canvas.height);
    };
    if (!range || !tl) return background(ctx);
    base = range.from;
    const visible = shown().filter((s) => !off.has(s.entity));
    // Everything but the cursor comes from the layer unless something it depends on changed.
    const key = [dpr, range.from, range.to, yr, tl.type, ...visible.map((s) => `${s.entity}:${JSON.stringify(style(s.entity))}`)].join("|");
    frameInfo = layer.draw(ctx, canvas.width, canvas.height, key, series, (c) => {
      background(c);
      return drawPlot(c, canvas.width, canvas.height, dpr, { series: visible, style, base, to: range.to, values: yr, cursor: null, timeType: tl.type });
    });
    drawCursor(ctx, frameInfo, base, get().time, dpr);
  }

  function renderLegend(): void {
    replaceChildren(legend, ...shown().map((s) => {
      const st = style(s.entity);
      return h("button", {
        class: `legend-item${off.has(s.entity) ? " off" : ""}`,
        title: `${s.entity} — click to ${off.has(s.entity) ? "show" : "hide"}`,
        onclick: () => {
          if (!off.delete(s.entity)) off.add(s.entity);
          renderLegend();
          invalidate();
        },
      }, h("span", { class: "swatch", style: `background:${css(st.color)}` }), st.name);
    }));
  }

  let inFlight = false, again = false, stopped = false;
  async function load(): Promise<void> {
    if (inFlight) return void (again = true);
    const s = get(), range = visibleRange();
    if (!s.recordingId || !s.timeline || !range) return;
    inFlight = true;
    try {
      const buckets = Math.max(16, Math.round(canvas.clientWidth || 512));
      series = await fetchSeries(s.recordingId, s.timeline, range.from, range.to, buckets, spec.origin);
      if (!stopped) {
        renderLegend();
        invalidate();
      }
    } catch (e) {
      console.warn(`series query failed: ${(e as Error).message}`);
    } finally {
      inFlight = false;
      if (again && !stopped) {
        again = false;
        void load();
      }
    }
  }

  const pxToTime = (clientX: number): bigint | null => {
    if (!frameInfo) return null;
    const r = canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
    return base + BigInt(Math.round(dx(frameInfo, (clientX - r.left) * dpr)));
  };

  function zoomX(factor: number, clientX: number): void {
    const range = visibleRange(), at = pxToTime(clientX);
    if (!range || at === null) return;
    const span = Number(range.to - range.from) * factor, left = Number(at - range.from) * factor;
    const from = at - BigInt(Math.round(left));
    xr = { from, to: from + BigInt(Math.max(1, Math.round(span))) };
    void load();
    invalidate();
  }

  let drag: { x: number; y: number; moved: boolean } | null = null;
  canvas.addEventListener("pointerdown", (ev) => {
    drag = { x: ev.clientX, y: ev.clientY, moved: false };
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener("pointermove", (ev) => {
    const f = frameInfo, dpr = window.devicePixelRatio || 1;
    if (drag && f) {
      const ddx = ev.clientX - drag.x, ddy = ev.clientY - drag.y;
      if (!drag.moved && Math.hypot(ddx, ddy) < 4) return;
      drag.moved = true;
      const range = visibleRange()!;
      const shift = BigInt(Math.round((-ddx * dpr * (f.x1 - f.x0)) / f.width));
      xr = { from: range.from + shift, to: range.to + shift };
      if (yr) {
        const dv = (ddy * dpr * (f.y1 - f.y0)) / f.height;
        yr = [yr[0] + dv, yr[1] + dv];
      }
      drag.x = ev.clientX;
      drag.y = ev.clientY;
      void load();
      invalidate();
      return;
    }
    hover(ev);
  });
  canvas.addEventListener("pointerup", (ev) => {
    if (drag && !drag.moved && ev.button === 0) {
      const t = pxToTime(ev.clientX);
      if (t !== null) set({ time: t, follow: false });
    }
    drag = null;
  });
  canvas.addEventListener("pointerleave", hideTooltip);
  canvas.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const factor = Math.exp(ev.deltaY * 0.0015);
    if (ev.shiftKey && frameInfo) {
      const f = frameInfo, r = canvas.getBoundingClientRect();
      const at = dy(f, (ev.clientY - r.top) * (window.devicePixelRatio || 1));
      yr = [at - (at - f.y0) * factor, at + (f.y1 - at) * factor];
      invalidate();
    } else zoomX(factor, ev.clientX);
  }, { passive: false });
  canvas.addEventListener("dblclick", () => {
    xr = null;
    yr = null;
    void load();
    invalidate();
  });

  function hover(ev: PointerEvent): void {
    const f = frameInfo;
    if (!f) return;
    const r = canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
    const px = (ev.clientX - r.left) * dpr, py = (ev.clientY - r.top) * dpr;
    let best: { s: Series; t: bigint; v: number; d: number } | null = null;
    for (const s of shown()) {
      if (off.has(s.entity)) continue;
      for (const p of s.points) {
        const d = Math.hypot(sx(f, Number(p.t - base)) - px, sy(f, p.last) - py);
        if (d < 12 * dpr && (!best || d < best.d)) best = { s, t: p.t, v: p.last, d };
      }
    }
    const tl = currentTimeline();
    if (best && tl) showTooltip(ev.clientX, ev.clientY, [style(best.s.entity).name, `${formatTime(best.t, tl.type)}`, `value ${best.v}`]);
    else hideTooltip();
  }

  const watcher = watchLatest(() => ({ entity: spec.origin, components: STYLE_COMPONENTS }), (r) => {
    styles = r;
    renderLegend();
    invalidate();
  });
  const unsubs = [
    subscribe(["recordingId", "timeline"], () => {
      xr = null;
      yr = null;
      void load();
    }),
    subscribe(["dataVersion", "recordings"], () => void load()),
    subscribe(["time", "hidden"], invalidate),
  ];
  const stopResize = onResize(el, invalidate);
  void load();

  return viewInstance(el, (next) => (spec = next), () => void load(), [() => (stopped = true), cancel, watcher.stop, ...unsubs, stopResize]);
}
