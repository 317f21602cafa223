/**
 * The 2D view: a canvas of the view's 2D entities at the time cursor, layered by draw order,
 * with pan (drag), zoom (wheel, around the pointer), reset (double-click), hover readouts and picking.
 */
import type { EntityRow } from "../../data/cells.ts";
import { floats } from "../../data/cells.ts";
import { C } from "../../data/names.ts";
import { get, type Selection, set, subscribe, type ViewSpec } from "../../state/store.ts";
import { fitCanvas, h } from "../../ui/dom.ts";
import { frameDrawer, onResize } from "../../ui/redraw.ts";
import { hideTooltip, showTooltip } from "../../ui/tooltip.ts";
import type { ViewInstance } from "../registry.ts";
import { type Contexts } from "../shared/appearance.ts";
import { hoverOn, leaveView, pickedLines } from "../shared/hover.ts";
import { viewInstance } from "../shared/instance.ts";
import { visualizations, watchScene } from "../shared/scene.ts";
import type { Layer2D } from "./types.ts";
import { VISUALIZERS_2D } from "./visualizers.ts";

const COMPONENTS = [...new Set([...VISUALIZERS_2D.flatMap((v) => v.components), C.Resolution])];

/** A 2D view in `el` showing `spec`. */
export function create2dView(el: HTMLElement, initial: ViewSpec): ViewInstance {
  let spec = initial;
  const canvas = h("canvas", { class: "view-canvas", tabindex: 0, "aria-label": `2D view ${spec.title}` });
  el.append(canvas);
  const ctx = canvas.getContext("2d")!;
  let layers: { path: string; layer: Layer2D }[] = [];
  let rows: ReadonlyMap<string, EntityRow> = new Map();
  let contexts: Contexts = new Map();
  /** Scene → CSS pixels: screen = (scene - offset) * zoom. */
  let zoom = 1, ox = 0, oy = 0, userMoved = false;

  const { invalidate, cancel } = frameDrawer(draw);

  function sceneBounds(): [number, number, number, number] | null {
    const res = floats(rows.get(spec.origin)?.cells.get(C.Resolution), 2);
    if (res.length === 2) return [0, 0, res[0]!, res[1]!];
    let b: [number, number, number, number] | null = null;
    for (const { layer } of layers) {
      const l = layer.bounds;
      if (l) b = b ? [Math.min(b[0], l[0]), Math.min(b[1], l[1]), Math.max(b[2], l[2]), Math.max(b[3], l[3])] : [...l];
    }
    return b;
  }

  function fit(): void {
    const b = sceneBounds();
    if (!b) return;
    const w = canvas.clientWidth || 1, ht = canvas.clientHeight || 1;
    const bw = Math.max(b[2] - b[0], 1e-6), bh = Math.max(b[3] - b[1], 1e-6);
    zoom = Math.min(w / bw, ht / bh) * (b[2] - b[0] === 0 || b[3] - b[1] === 0 ? 0.5 : 0.95);
    ox = (b[0] + b[2]) / 2 - w / 2 / zoom;
    oy = (b[1] + b[3]) / 2 - ht / 2 / zoom;
  }

  function draw(): void {
    const dpr = fitCanvas(canvas);
    if (!userMoved) fit();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#141719";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const px = zoom * dpr;
    ctx.setTransform(px, 0, 0, px, -ox * px, -oy * px);
    const sel = get().selection;
    for (const { path, layer } of layers) layer.draw(ctx, px, (i) => sel?.path === path && (sel.instance === null || sel.instance === i));
  }

  function rebuild(): void {
    const env = { contexts, invalidate };
    layers = [];
    for (const { path, row, vis } of visualizations(spec.entities, rows, VISUALIZERS_2D)) {
      const layer = vis.build(row, env);
      if (layer) layers.push({ path, layer });
    }
    layers.sort((a, b) => a.layer.drawOrder - b.layer.drawOrder);
    invalidate();
  }

  const toScene = (ev: MouseEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: (ev.clientX - r.left) / zoom + ox, y: (ev.clientY - r.top) / zoom + oy };
  };

  function pickAt(ev: MouseEvent): { sel: Selection; lines: string[] } | null {
    const { x, y } = toScene(ev), px = zoom * (window.devicePixelRatio || 1);
    for (let i = layers.length - 1; i >= 0; i--) {
      const { path, layer } = layers[i]!;
      const hit = layer.pick(x, y, px);
      if (!hit) continue;
      const inst = hit.instance >= 0 ? hit.instance : null;
      return { sel: { path, instance: inst, viewId: spec.id }, lines: [...pickedLines(path, inst), ...(layer.describe?.(x, y) ?? [])] };
    }
    return null;
  }

  let drag: { x: number; y: number; moved: boolean } | null = null;
  canvas.addEventListener("pointerdown", (ev) => {
    drag = { x: ev.clientX, y: ev.clientY, moved: false };
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener("pointermove", (ev) => {
    if (drag) {
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (drag.moved || Math.hypot(dx, dy) > 3) {
        drag.moved = userMoved = true;
        ox -= dx / zoom;
        oy -= dy / zoom;
        drag.x = ev.clientX;
        drag.y = ev.clientY;
        invalidate();
      }
      return;
    }
    const hit = pickAt(ev);
    hoverOn(hit?.sel ?? null);
    if (hit) showTooltip(ev.clientX, ev.clientY, hit.lines);
    else hideTooltip();
  });
  canvas.addEventListener("pointerup", (ev) => {
    if (drag && !drag.moved && ev.button === 0) set({ selection: pickAt(ev)?.sel ?? null });
    drag = null;
  });
  canvas.addEventListener("pointerleave", () => leaveView(spec.id));
  canvas.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const before = toScene(ev);
    zoom *= Math.exp(-ev.deltaY * 0.0015);
    const after = toScene(ev);
    ox += before.x - after.x;
    oy += before.y - after.y;
    userMoved = true;
    invalidate();
  }, { passive: false });
  canvas.addEventListener("dblclick", () => {
    userMoved = false;
    invalidate();
  });

  const sceneData = watchScene(() => ({ entity: spec.origin, components: COMPONENTS }), (r, c) => {
    rows = r;
    contexts = c;
    rebuild();
  });
  const teardown = [cancel, sceneData.stop, subscribe(["hidden", "entities"], rebuild), subscribe(["selection"], invalidate), onResize(el, invalidate)];
  return viewInstance(el, (next) => (spec = next), sceneData.refresh, teardown);
}
