/**
 * The dataframe view of one entity: its rows around the time cursor as a table (one column per
 * component, static rows first); the row in effect at the cursor is highlighted, a click moves the
 * cursor to a row's time.
 */
import { isValid, type JsValue, valueAt } from "../../../store/arrow/values.ts";
import { componentShortName, indicatorArchetype } from "../../data/names.ts";
import { formatTime } from "../../data/time.ts";
import { currentTimeline } from "../../state/derived.ts";
import { get, set, subscribe, type ViewSpec } from "../../state/store.ts";
import { h, replaceChildren } from "../../ui/dom.ts";
import { valueNode } from "../../ui/values.ts";
import type { ViewInstance } from "../registry.ts";
import { viewInstance } from "../shared/instance.ts";
import { watchWindow } from "../shared/window.ts";

interface TableRow {
  time: bigint | null;
  /** Component → its instances in this row. */
  cells: Map<string, JsValue[]>;
}

const MAX_ROWS = 2000;

/** A dataframe view in `el` of the entity `spec.origin`. */
export function createDataframeView(el: HTMLElement, initial: ViewSpec): ViewInstance {
  let spec = initial;
  let rows: TableRow[] = [], columns: string[] = [];
  const table = h("table", { class: "table dataframe" });
  const scroller = h("div", { class: "table-scroll" }, table);
  el.append(scroller);

  let trs: HTMLTableRowElement[] = [], current = -1;

  function render(): void {
    const tl = currentTimeline();
    trs = rows.map((r) => h("tr", { onclick: () => r.time !== null && set({ time: r.time, follow: false }) },
      h("td", { class: "mono" }, r.time === null ? "static" : tl ? formatTime(r.time, tl.type) : String(r.time)),
      ...columns.map((c) => {
        const v = r.cells.get(c);
        return h("td", { class: "mono" }, v === undefined ? "" : valueNode(c, v.length === 1 ? v[0]! : v));
      })));
    replaceChildren(table, h("thead", {}, h("tr", {}, h("th", {}, tl?.name ?? "time"), ...columns.map((c) => h("th", { title: c }, componentShortName(c))))), h("tbody", {}, ...trs));
    current = -1;
    highlight();
  }

  /** Marks the row in effect at the cursor. */
  function highlight(): void {
    const cursor = get().time;
    let next = -1;
    rows.forEach((r, i) => r.time !== null && r.time <= cursor && (next = i));
    if (next === current) return;
    trs[current]?.classList.remove("current");
    trs[next]?.classList.add("current");
    trs[next]?.scrollIntoView({ block: "nearest" });
    current = next;
  }

  const watcher = watchWindow(() => ({ entity: spec.origin, paths: [spec.origin], components: null, maxRows: MAX_ROWS, anchor: "center" }), (chunks) => {
    const timeline = get().timeline;
    const cols = new Set<string>();
    rows = [];
    for (const chunk of chunks) {
      if (chunk.entityPath !== spec.origin) continue;
      const times = chunk.timelines.find((t) => t.name === timeline)?.values ?? null;
      const data = chunk.components.filter((c) => !indicatorArchetype(c.descriptor.component));
      if (data.length === 0) continue;
      for (let i = 0; i < chunk.numRows; i++) {
        const cells = new Map<string, JsValue[]>();
        for (const c of data) {
          if (!isValid(c.data, i)) continue;
          cols.add(c.descriptor.component);
          cells.set(c.descriptor.component, valueAt(c.data, i) as JsValue[]);
        }
        if (cells.size) rows.push({ time: times ? times[i]! : null, cells });
      }
    }
    rows.sort((a, b) => (a.time === b.time ? 0 : a.time === null ? -1 : b.time === null ? 1 : a.time < b.time ? -1 : 1));
    columns = [...cols].sort();
    render();
  });
  return viewInstance(el, (next) => (spec = next), watcher.refresh, [watcher.stop, subscribe(["time"], highlight)]);
}
