/**
 * The tensor view: a 2-D slice of a Tensor at the time cursor, colormapped (Viridis) over the
 * tensor's value range (or its ValueRange); one slider per extra dimension picks the slice. A last
 * dimension of 3 or 4 on a 3-D tensor is shown as color.
 */
import { floats } from "../../data/cells.ts";
import { colormapLut } from "../../data/colormaps.ts";
import { valueRange } from "../../data/images.ts";
import { C } from "../../data/names.ts";
import { tensorOf, type Tensor } from "../../data/tensor.ts";
import type { ViewSpec } from "../../state/store.ts";
import { fitCanvas, h, replaceChildren } from "../../ui/dom.ts";
import { hideTooltip, showTooltip } from "../../ui/tooltip.ts";
import { frameDrawer, onResize } from "../../ui/redraw.ts";
import type { ViewInstance } from "../registry.ts";
import { viewInstance } from "../shared/instance.ts";
import { watchLatest } from "../shared/latest.ts";

/** Row-major strides of `shape`. */
function strides(shape: number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
}

/** A tensor view in `el` showing `spec` (its origin is the tensor entity). */
export function createTensorView(el: HTMLElement, initial: ViewSpec): ViewInstance {
  let spec = initial;
  const info = h("div", { class: "view-toolbar mono" });
  const sliders = h("div", { class: "tensor-sliders" });
  const canvas = h("canvas", { class: "view-canvas", tabindex: 0, "aria-label": `Tensor ${spec.title}` });
  el.append(info, sliders, canvas);
  const ctx = canvas.getContext("2d")!;
  let tensor: Tensor | null = null, range: [number, number] = [0, 1], index: number[] = [];
  const { invalidate, cancel } = frameDrawer(draw);

  /** Which dims are shown: [row dim, column dim, color dim or -1]. */
  function layout(t: Tensor): [number, number, number] {
    const dims = t.shape.map((n, i) => [n, i] as const).filter(([n]) => n > 1).map(([, i]) => i);
    const n = t.shape.length, last = t.shape[n - 1]!;
    if (dims.length >= 3 && (last === 3 || last === 4)) return [n - 3, n - 2, n - 1];
    if (dims.length >= 2) return [dims[dims.length - 2]!, dims[dims.length - 1]!, -1];
    return [dims[0] ?? 0, -1, -1];
  }

  function draw(): void {
    fitCanvas(canvas);
    ctx.fillStyle = "#141719";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const t = tensor;
    if (!t) return;
    const [rd, cd, kd] = layout(t), st = strides(t.shape);
    const rows = t.shape[rd] ?? 1, cols = cd >= 0 ? t.shape[cd]! : 1;
    let base = 0;
    index.forEach((v, d) => d !== rd && d !== cd && d !== kd && (base += v * st[d]!));
    const img = new ImageData(cols, rows), lut = colormapLut(6), k = 255 / (range[1] - range[0] || 1);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const at = base + r * st[rd]! + (cd >= 0 ? c * st[cd]! : 0), p = (r * cols + c) * 4;
        if (kd >= 0) {
          for (let ch = 0; ch < 3; ch++) img.data[p + ch] = (t.data[at + ch * st[kd]!]! - range[0]) * k;
          img.data[p + 3] = 255;
        } else {
          const i = Math.max(0, Math.min(255, Math.round((t.data[at]! - range[0]) * k))) * 3;
          img.data.set([lut[i]!, lut[i + 1]!, lut[i + 2]!, 255], p);
        }
      }
    }
    const off = document.createElement("canvas");
    off.width = cols;
    off.height = rows;
    off.getContext("2d")!.putImageData(img, 0, 0);
    const scale = Math.min(canvas.width / cols, canvas.height / rows);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, (canvas.width - cols * scale) / 2, (canvas.height - rows * scale) / 2, cols * scale, rows * scale);
  }

  function renderControls(): void {
    const t = tensor;
    if (!t) return replaceChildren(info, "No tensor at this time");
    replaceChildren(info, `shape [${t.shape.map((n, i) => (t.names?.[i] ? `${t.names[i]}=${n}` : n)).join(", ")}], range ${range[0].toPrecision(4)} … ${range[1].toPrecision(4)}`);
    const [rd, cd, kd] = layout(t);
    replaceChildren(sliders, ...t.shape.map((n, d) => (d === rd || d === cd || d === kd || n <= 1 ? null : h("label", {}, `${t.names?.[d] ?? `dim ${d}`} `,
      h("input", { type: "range", min: 0, max: n - 1, value: index[d] ?? 0, oninput: (ev: Event) => {
        index[d] = Number((ev.target as HTMLInputElement).value);
        invalidate();
      } })))));
  }

  canvas.addEventListener("pointermove", (ev) => {
    const t = tensor;
    if (!t) return;
    const [rd, cd] = layout(t), rows = t.shape[rd] ?? 1, cols = cd >= 0 ? t.shape[cd]! : 1;
    const r = canvas.getBoundingClientRect(), scale = Math.min(r.width / cols, r.height / rows);
    const c = Math.floor((ev.clientX - r.left - (r.width - cols * scale) / 2) / scale), w = Math.floor((ev.clientY - r.top - (r.height - rows * scale) / 2) / scale);
    if (c < 0 || w < 0 || c >= cols || w >= rows) return hideTooltip();
    const idx = t.shape.map((_, d) => (d === rd ? w : d === cd ? c : (index[d] ?? 0)));
    const st = strides(t.shape);
    showTooltip(ev.clientX, ev.clientY, [`[${idx.join(", ")}]`, `value ${t.data[idx.reduce((a, v, d) => a + v * st[d]!, 0)]}`]);
  });
  canvas.addEventListener("pointerleave", hideTooltip);

  const watcher = watchLatest(() => ({ entity: spec.origin, components: [C.TensorData, C.ValueRange] }), (rows) => {
    const row = rows.get(spec.origin);
    tensor = tensorOf(row?.cells.get(C.TensorData));
    const vr = floats(row?.cells.get(C.ValueRange), 2);
    range = vr.length === 2 ? [vr[0]!, vr[1]!] : tensor ? valueRange(tensor.data) : [0, 1];
    if (tensor && index.length !== tensor.shape.length) index = tensor.shape.map(() => 0);
    renderControls();
    invalidate();
  });
  return viewInstance(el, (next) => (spec = next), watcher.refresh, [cancel, watcher.stop, onResize(el, invalidate)]);
}
