/** The bar-chart view: the 1-D TensorData of a BarChart at the time cursor, one bar per value. */
import { numbers } from "../../data/cells.ts";
import { css, entityColor, unpackRgba } from "../../data/colors.ts";
import { C } from "../../data/names.ts";
import { tensorOf, type Tensor } from "../../data/tensor.ts";
import type { ViewSpec } from "../../state/store.ts";
import { fitCanvas, h } from "../../ui/dom.ts";
import { hideTooltip, showTooltip } from "../../ui/tooltip.ts";
import { frameDrawer, onResize } from "../../ui/redraw.ts";
import type { ViewInstance } from "../registry.ts";
import { viewInstance } from "../shared/instance.ts";
import { watchLatest } from "../shared/latest.ts";
import { drawAxes, type Frame, sx, sy } from "../timeseries/axes.ts";

/** A bar-chart view in `el` showing `spec` (its origin is the chart entity). */
export function createBarChartView(el: HTMLElement, initial: ViewSpec): ViewInstance {
  let spec = initial;
  const canvas = h("canvas", { class: "view-canvas", tabindex: 0, "aria-label": `Bar chart ${spec.title}` });
  el.append(canvas);
  const ctx = canvas.getContext("2d")!;
  let tensor: Tensor | null = null, color = css(entityColor(spec.origin)), f: Frame | null = null;
  const { invalidate, cancel } = frameDrawer(draw);

  function draw(): void {
    const dpr = fitCanvas(canvas);
    ctx.fillStyle = "#141719";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const v = tensor?.data;
    if (!v || v.length === 0) return;
    let lo = 0, hi = 0;
    for (let i = 0; i < v.length; i++) (lo = Math.min(lo, v[i]!)), (hi = Math.max(hi, v[i]!));
    if (lo === hi) hi = lo + 1;
    const pad = (hi - lo) * 0.05;
    f = { left: 64 * dpr, top: 8 * dpr, width: canvas.width - 72 * dpr, height: canvas.height - 30 * dpr, x0: -0.5, x1: v.length - 0.5, y0: lo < 0 ? lo - pad : 0, y1: hi + pad };
    drawAxes(ctx, f, 0, "Sequence", dpr);
    ctx.fillStyle = color;
    const w = Math.max(1, (f.width / v.length) * 0.8);
    for (let i = 0; i < v.length; i++) {
      const y = sy(f, v[i]!), y0 = sy(f, 0);
      ctx.fillRect(sx(f, i) - w / 2, Math.min(y, y0), w, Math.abs(y0 - y));
    }
  }

  canvas.addEventListener("pointermove", (ev) => {
    const v = tensor?.data;
    if (!v || !f) return;
    const r = canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
    const i = Math.round(f.x0 + (((ev.clientX - r.left) * dpr - f.left) / f.width) * (f.x1 - f.x0));
    if (i >= 0 && i < v.length) showTooltip(ev.clientX, ev.clientY, [spec.origin, `#${i}: ${v[i]}`]);
    else hideTooltip();
  });
  canvas.addEventListener("pointerleave", hideTooltip);

  const watcher = watchLatest(() => ({ entity: spec.origin, components: [C.TensorData, C.Color] }), (rows) => {
    const row = rows.get(spec.origin);
    tensor = tensorOf(row?.cells.get(C.TensorData));
    const c = numbers(row?.cells.get(C.Color));
    color = css(c.length ? unpackRgba(c[0]!) : entityColor(spec.origin));
    invalidate();
  });
  return viewInstance(el, (next) => (spec = next), watcher.refresh, [cancel, watcher.stop, onResize(el, invalidate)]);
}
