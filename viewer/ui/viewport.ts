/**
 * The viewport: the views (heuristic ones plus those the user added) in rows of columns with
 * draggable splitters (also arrow keys when focused); a view can be maximised (button or double-click
 * on its title, Escape restores) and user-added views closed. Views off screen are disposed, so they
 * query nothing.
 */
import { get, set, subscribe, type ViewSpec } from "../state/store.ts";
import { viewClass, type ViewInstance } from "../views/registry.ts";
import { h, replaceChildren } from "./dom.ts";
import { icon } from "./icons.ts";

interface Mounted {
  spec: ViewSpec;
  panel: HTMLElement;
  instance: ViewInstance;
}

/** Mounts the viewport into `el`. */
export function mountViewport(el: HTMLElement): void {
  const grid = h("div", { class: "view-grid" });
  el.append(grid);
  const mounted = new Map<string, Mounted>();
  /** Flex weights: per row, and per row per column. */
  let rowFr: number[] = [], colFr: number[][] = [];

  function panelFor(spec: ViewSpec): Mounted {
    const body = h("div", { class: "view-body" });
    const extra = get().extraViews.some((v) => v.id === spec.id);
    const label = viewClass(spec.kind)?.label ?? spec.kind;
    const panel = h("section", { class: "view-panel", "data-view-id": spec.id, "data-kind": spec.kind, "aria-label": `${label} view ${spec.title}` },
      h("header", { class: "view-header", ondblclick: () => toggleMax(spec.id) },
        h("span", { class: "view-kind" }, label), h("span", { class: "view-title", title: spec.origin }, spec.title),
        h("span", { class: "spacer" }),
        h("button", { class: "icon-button max-button", title: "Maximise / restore (Esc restores)", "aria-label": `Maximise ${spec.title}`, onclick: () => toggleMax(spec.id) }, icon("maximize")),
        extra ? h("button", { class: "icon-button", title: "Close", "aria-label": `Close ${spec.title}`, onclick: () => set({ extraViews: get().extraViews.filter((v) => v.id !== spec.id), maximized: null }) }, icon("close")) : null),
      body);
    return { spec, panel, instance: viewClass(spec.kind)!.create(body, spec) };
  }

  function toggleMax(id: string): void {
    set({ maximized: get().maximized === id ? null : id });
  }

  let mountedFor: string | null = null;

  function sync(): void {
    const s = get();
    if (s.recordingId !== mountedFor) {
      // Another recording: fresh views (cameras, zooms and legends belong to the data they showed).
      for (const m of mounted.values()) m.instance.dispose();
      mounted.clear();
      mountedFor = s.recordingId;
    }
    const specs = [...s.views, ...s.extraViews].filter((v) => viewClass(v.kind));
    const visible = s.maximized && specs.some((v) => v.id === s.maximized) ? specs.filter((v) => v.id === s.maximized) : specs;
    for (const [id, m] of mounted) {
      if (visible.some((v) => v.id === id)) continue;
      m.instance.dispose();
      mounted.delete(id);
    }
    for (const spec of visible) {
      const m = mounted.get(spec.id);
      if (!m) mounted.set(spec.id, panelFor(spec));
      else if (JSON.stringify(m.spec) !== JSON.stringify(spec)) {
        m.spec = spec;
        m.instance.update(spec);
      }
    }
    layout(visible);
  }

  let laidOut = "";

  /** Arranges the panels in rows (only when the set of visible views changed: re-parenting resets scrolling). */
  function layout(visible: ViewSpec[]): void {
    const key = visible.map((v) => v.id).join("\n") + (get().recordingId ?? "");
    if (key === laidOut && grid.childElementCount > 0) return;
    laidOut = key;
    const n = visible.length;
    if (n === 0) return replaceChildren(grid, h("div", { class: "empty viewport-empty" }, get().recordingId ? "Nothing to show yet" : "No recording"));
    const cols = Math.ceil(Math.sqrt(n)), rows = Math.ceil(n / cols);
    if (rowFr.length !== rows || colFr[0]?.length !== cols) {
      rowFr = new Array(rows).fill(1);
      colFr = rowFr.map((_, r) => new Array(Math.min(cols, n - r * cols)).fill(1));
    }
    const rowEls: HTMLElement[] = [];
    for (let r = 0; r < rows; r++) {
      const rowEl = h("div", { class: "view-row" });
      rowEl.style.flex = `${rowFr[r]} 1 0`;
      visible.slice(r * cols, (r + 1) * cols).forEach((spec, c) => {
        const panel = mounted.get(spec.id)!.panel;
        panel.style.flex = `${colFr[r]![c]} 1 0`;
        if (c > 0) rowEl.append(splitter("col", colFr[r]!, c - 1, rowEl));
        rowEl.append(panel);
      });
      if (r > 0) rowEls.push(splitter("row", rowFr, r - 1, grid));
      rowEls.push(rowEl);
    }
    grid.replaceChildren(...rowEls);
  }

  function splitter(kind: "col" | "row", fr: number[], i: number, container: HTMLElement): HTMLElement {
    const el = h("div", { class: `splitter ${kind}`, role: "separator", "aria-orientation": kind === "col" ? "vertical" : "horizontal", tabindex: 0 });
    const move = (deltaPx: number) => {
      const total = kind === "col" ? container.clientWidth : container.clientHeight;
      const sum = fr.reduce((a, b) => a + b, 0), d = (deltaPx / total) * sum, min = (0.1 * sum) / fr.length;
      if (fr[i]! + d < min || fr[i + 1]! - d < min) return;
      fr[i] = fr[i]! + d;
      fr[i + 1] = fr[i + 1]! - d;
      const items = [...container.children].filter((c) => !c.classList.contains("splitter")) as HTMLElement[];
      items.forEach((item, k) => (item.style.flex = `${fr[k]} 1 0`));
    };
    el.addEventListener("pointerdown", (ev) => {
      el.setPointerCapture(ev.pointerId);
      let last = kind === "col" ? ev.clientX : ev.clientY;
      const onMove = (e: PointerEvent) => {
        const p = kind === "col" ? e.clientX : e.clientY;
        move(p - last);
        last = p;
      };
      el.addEventListener("pointermove", onMove);
      el.addEventListener("pointerup", () => el.removeEventListener("pointermove", onMove), { once: true });
    });
    el.addEventListener("keydown", (ev) => {
      const d = { ArrowLeft: -20, ArrowUp: -20, ArrowRight: 20, ArrowDown: 20 }[ev.key];
      if (d === undefined) return;
      ev.preventDefault();
      ev.stopPropagation();
      move(d);
    });
    return el;
  }

  subscribe(["views", "extraViews", "maximized", "recordingId"], sync);
  sync();
}
