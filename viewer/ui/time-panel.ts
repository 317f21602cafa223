/**
 * The time panel: timeline selector, playback controls (play/pause, step, loop, follow, speed,
 * fps), the current time, and a canvas with the time ruler, the cursor and the per-entity data
 * density. Click or drag to scrub (snapping to data times), wheel to zoom, shift+wheel to pan,
 * double-click to see the whole timeline.
 */
import type { EntityInfo } from "../api/types.ts";
import { formatTime } from "../data/time.ts";
import { currentRecording, currentTimeline } from "../state/derived.ts";
import { jump, step, togglePlay } from "../state/playback.ts";
import { get, set, subscribe } from "../state/store.ts";
import { selectTimeline } from "../state/sync.ts";
import { fitCanvas, h, replaceChildren } from "./dom.ts";
import { icon } from "./icons.ts";
import { frameDrawer, onResize } from "./redraw.ts";
import { drawTimeCanvas, offsetAt, ROW, RULER, type TimeScale, xOf } from "./time-canvas.ts";
import { hideTooltip, showTooltip } from "./tooltip.ts";

const MAX_ROWS = 500;
const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 4, 8, 16];

/** Mounts the panel into `el`. */
export function mountTimePanel(el: HTMLElement): void {
  const timelineSelect = h("select", { "aria-label": "Timeline", onchange: (ev: Event) => selectTimeline((ev.target as HTMLSelectElement).value) });
  const playButton = h("button", { class: "icon-button", title: "Play/pause (Space)", "aria-label": "Play", onclick: togglePlay }, icon("play"));
  const loopButton = h("button", { class: "toggle", title: "Loop (L)", onclick: () => set({ loop: !get().loop }) }, "loop");
  const followButton = h("button", { class: "toggle", title: "Follow the newest data (F)", onclick: () => (get().follow ? set({ follow: false }) : jump("end")) }, "follow");
  const speedSelect = h("select", { "aria-label": "Playback speed", title: "Playback speed", onchange: (ev: Event) => set({ speed: Number((ev.target as HTMLSelectElement).value) }) },
    ...SPEEDS.map((x) => h("option", { value: x, selected: x === 1 }, `${x}×`)));
  const fpsInput = h("input", { type: "number", min: 1, max: 1000, value: 30, class: "fps", title: "Frames per second on sequence timelines", "aria-label": "Frames per second", onchange: (ev: Event) => set({ fps: Math.max(1, Number((ev.target as HTMLInputElement).value) || 30) }) });
  const timeText = h("span", { class: "current-time mono", "aria-live": "off" });
  const names = h("div", { class: "time-names" });
  const canvas = h("canvas", { class: "time-canvas", tabindex: 0, "aria-label": "Timeline: click or drag to move the time cursor" });
  el.append(
    h("div", { class: "time-toolbar" },
      timelineSelect,
      h("button", { class: "icon-button", title: "To start (Home)", "aria-label": "To start", onclick: () => jump("start") }, icon("first")),
      h("button", { class: "icon-button", title: "Step back (←)", "aria-label": "Step back", onclick: () => step(-1) }, icon("prev")),
      playButton,
      h("button", { class: "icon-button", title: "Step forward (→)", "aria-label": "Step forward", onclick: () => step(1) }, icon("next")),
      h("button", { class: "icon-button", title: "To end (End)", "aria-label": "To end", onclick: () => jump("end") }, icon("last")),
      loopButton, followButton, speedSelect, fpsInput, timeText),
    h("div", { class: "time-body" }, names, h("div", { class: "time-area" }, canvas)),
  );
  const ctx = canvas.getContext("2d")!;
  const { invalidate } = frameDrawer(draw);

  /** The time scale for a canvas `width` pixels wide (default view: the whole timeline plus a margin). */
  function scale(width: number): TimeScale | null {
    const tl = currentTimeline(), tv = get().timeView;
    if (!tl) return null;
    const span = Number(tl.max - tl.min) || 1;
    return tv ? { tl, v0: tv.min, v1: tv.max, width } : { tl, v0: -span * 0.02, v1: span * 1.02, width };
  }

  /** The entities listed: those with data on the timeline. */
  function rowsOf(): EntityInfo[] {
    const s = get(), tl = s.timeline;
    return s.entities.filter((e) => tl && (e.timelines[tl]?.rows ?? 0) > 0).slice(0, MAX_ROWS);
  }

  function renderNames(): void {
    replaceChildren(names, h("div", { class: "time-name ruler-spacer", style: `height:${RULER}px` }),
      h("div", { class: "time-name summary", style: `height:${ROW}px` }, "all data"),
      ...rowsOf().map((e) => h("div", { class: "time-name", style: `height:${ROW}px`, title: e.path, onclick: () => set({ selection: { path: e.path, instance: null, viewId: null } }) }, e.path.slice(1) || "/")));
  }

  function draw(): void {
    const dpr = fitCanvas(canvas), sc = scale(canvas.width);
    ctx.fillStyle = "#101214";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (sc) drawTimeCanvas(ctx, canvas.height, dpr, sc, rowsOf(), names.scrollTop, get());
  }

  function renderToolbar(): void {
    const s = get(), rec = currentRecording(), tl = currentTimeline();
    replaceChildren(timelineSelect, ...(rec?.timelines ?? []).map((t) => h("option", { value: t.name, selected: t.name === s.timeline }, `${t.name} (${t.type === "Time" ? "time" : "sequence"})`)));
    replaceChildren(playButton, icon(s.playing ? "pause" : "play"));
    playButton.setAttribute("aria-label", s.playing ? "Pause" : "Play");
    loopButton.classList.toggle("on", s.loop);
    loopButton.setAttribute("aria-pressed", String(s.loop));
    followButton.classList.toggle("on", s.follow);
    followButton.setAttribute("aria-pressed", String(s.follow));
    fpsInput.style.display = tl?.type === "Sequence" ? "" : "none";
    timeText.textContent = tl ? formatTime(s.time, tl.type) : "";
  }

  /** The time under client x, snapped to a data time within 5 px. */
  function scrubTime(clientX: number): bigint | null {
    const r = canvas.getBoundingClientRect(), sc = scale(r.width);
    if (!sc) return null;
    const x = clientX - r.left, tl = sc.tl;
    let t = BigInt(Math.round(offsetAt(sc, x))) + tl.min;
    const times = get().dataTimes;
    if (times?.timeline === tl.name) {
      let best: bigint | null = null, bestD = 5;
      for (const d of times.all) {
        const dx = Math.abs(xOf(sc, d) - x);
        if (dx <= bestD) (best = d), (bestD = dx);
      }
      if (best !== null) t = best;
    }
    return t < tl.min ? tl.min : t > tl.max ? tl.max : t;
  }

  let scrubbing = false;
  canvas.addEventListener("pointerdown", (ev) => {
    if (ev.button !== 0) return;
    scrubbing = true;
    canvas.setPointerCapture(ev.pointerId);
    const t = scrubTime(ev.clientX);
    if (t !== null) set({ time: t, follow: false, playing: false });
  });
  canvas.addEventListener("pointermove", (ev) => {
    const t = scrubTime(ev.clientX), tl = currentTimeline();
    if (scrubbing && t !== null) set({ time: t, follow: false });
    if (t !== null && tl) showTooltip(ev.clientX, ev.clientY, [formatTime(t, tl.type)]);
  });
  canvas.addEventListener("pointerup", () => (scrubbing = false));
  canvas.addEventListener("pointerleave", hideTooltip);
  canvas.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = canvas.getBoundingClientRect(), sc = scale(r.width);
    if (!sc) return;
    const { v0, v1 } = sc;
    if (ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) {
      const d = ((ev.shiftKey ? ev.deltaY : ev.deltaX) / r.width) * (v1 - v0);
      set({ timeView: { min: v0 + d, max: v1 + d } });
    } else {
      const at = offsetAt(sc, ev.clientX - r.left), k = Math.exp(ev.deltaY * 0.002);
      set({ timeView: { min: at - (at - v0) * k, max: at + (v1 - at) * k } });
    }
  }, { passive: false });
  canvas.addEventListener("dblclick", () => set({ timeView: null }));
  names.addEventListener("scroll", invalidate);

  subscribe(["time", "timeView", "dataTimes", "selection", "recordings", "timeline"], invalidate);
  subscribe(["entities", "timeline"], () => {
    renderNames();
    invalidate();
  });
  subscribe(["playing", "loop", "follow", "time", "timeline", "recordings", "recordingId"], renderToolbar);
  onResize(canvas, invalidate);
  renderToolbar();
  renderNames();
}
