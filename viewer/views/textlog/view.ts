/**
 * The text-log view: TextLog rows up to the time cursor (newest at the bottom, followed), with a
 * level filter and a search box; clicking a row moves the time cursor there and selects the entity.
 */
import type { Chunk } from "../../../store/chunk.ts";
import { numbers, rowOf, strings } from "../../data/cells.ts";
import { unpackRgba, css } from "../../data/colors.ts";
import { C } from "../../data/names.ts";
import { formatTime } from "../../data/time.ts";
import { currentTimeline } from "../../state/derived.ts";
import { get, isHidden, set, subscribe, type ViewSpec } from "../../state/store.ts";
import { h, replaceChildren } from "../../ui/dom.ts";
import type { ViewInstance } from "../registry.ts";
import { viewInstance } from "../shared/instance.ts";
import { watchWindow } from "../shared/window.ts";

interface Entry {
  time: bigint | null;
  path: string;
  level: string;
  text: string;
  color: string | null;
}

const MAX_ROWS = 5000;
const MAX_SHOWN = 1000;
const LEVELS = ["CRITICAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE"];

/** Text-log entries of range chunks on `timeline`, sorted by time (static ones first). */
function logEntries(chunks: readonly Chunk[], timeline: string): Entry[] {
  const out: Entry[] = [];
  for (const chunk of chunks) {
    const times = chunk.timelines.find((t) => t.name === timeline)?.values ?? null;
    for (let i = 0; i < chunk.numRows; i++) {
      const row = rowOf(chunk, i);
      const text = strings(row.cells.get(C.Text))[0];
      if (text === undefined) continue;
      const color = numbers(row.cells.get(C.Color));
      out.push({ time: times ? times[i]! : null, path: chunk.entityPath, level: strings(row.cells.get(C.TextLogLevel))[0] ?? "", text, color: color.length ? css(unpackRgba(color[0]!)) : null });
    }
  }
  return out.sort((a, b) => (a.time === b.time ? 0 : a.time === null ? -1 : b.time === null ? 1 : a.time < b.time ? -1 : 1));
}

/** A text-log view in `el` showing `spec`. */
export function createTextLogView(el: HTMLElement, initial: ViewSpec): ViewInstance {
  let spec = initial;
  let entries: Entry[] = [];
  const offLevels = new Set<string>();
  const search = h("input", { type: "search", placeholder: "Filter text…", "aria-label": "Filter log text", oninput: () => render() });
  const levels = h("div", { class: "levels" });
  const body = h("tbody");
  const scroller = h("div", { class: "table-scroll" }, h("table", { class: "table textlog" }, h("thead", {}, h("tr", {}, h("th", {}, "time"), h("th", {}, "entity"), h("th", {}, "level"), h("th", {}, "body"))), body));
  el.append(h("div", { class: "view-toolbar" }, levels, search), scroller);

  function renderLevels(): void {
    const present = [...new Set(entries.map((e) => e.level))].sort((a, b) => (LEVELS.indexOf(a) + 99) % 99 - (LEVELS.indexOf(b) + 99) % 99);
    replaceChildren(levels, ...present.map((lv) => h("label", { class: `level-toggle level-${lv || "none"}` },
      h("input", { type: "checkbox", checked: !offLevels.has(lv), onchange: (ev: Event) => {
        if ((ev.target as HTMLInputElement).checked) offLevels.delete(lv);
        else offLevels.add(lv);
        render();
      } }), lv || "(none)")));
  }

  function render(): void {
    const tl = currentTimeline(), cursor = get().time, needle = search.value.toLowerCase();
    const visible = entries.filter((e) => (e.time === null || e.time <= cursor) && !isHidden(e.path) && !offLevels.has(e.level) && (!needle || e.text.toLowerCase().includes(needle)));
    const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 4;
    replaceChildren(body, ...visible.slice(-MAX_SHOWN).map((e) => h("tr", {
      class: e.time !== null && e.time === cursor ? "current" : "",
      onclick: () => set({ ...(e.time !== null ? { time: e.time, follow: false } : {}), selection: { path: e.path, instance: null, viewId: spec.id } }),
    },
    h("td", { class: "mono" }, e.time === null ? "static" : tl ? formatTime(e.time, tl.type) : String(e.time)),
    h("td", {}, e.path),
    h("td", { class: `level-${e.level || "none"}` }, e.level),
    h("td", { class: "log-text", style: e.color ? `color:${e.color}` : null }, e.text))));
    if (atBottom || get().playing || get().follow) scroller.scrollTop = scroller.scrollHeight;
  }

  const watcher = watchWindow(() => ({ entity: spec.origin, paths: spec.entities, components: [C.Text, C.TextLogLevel, C.Color], maxRows: MAX_ROWS, anchor: "end" }), (chunks) => {
    entries = logEntries(chunks.filter((c) => spec.entities.includes(c.entityPath)), get().timeline ?? "");
    renderLevels();
    render();
  });
  return viewInstance(el, (next) => (spec = next), watcher.refresh, [watcher.stop, subscribe(["time", "hidden"], render)]);
}
