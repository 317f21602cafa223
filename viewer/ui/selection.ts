/**
 * The selection panel: for the selected entity (or one instance of it), its archetypes and every
 * component value at the time cursor, with the time each was logged; actions to hide the entity or
 * open it as a dataframe.
 */
import { type Cell, values } from "../data/cells.ts";
import { archetypeShortName, componentShortName, indicatorArchetype } from "../data/names.ts";
import { formatTime } from "../data/time.ts";
import { catalog, currentTimeline } from "../state/derived.ts";
import { get, isHidden, set, subscribe } from "../state/store.ts";
import { watchLatest } from "../views/shared/latest.ts";
import { h, replaceChildren } from "./dom.ts";
import { toggleHidden } from "./entity-tree.ts";
import { valueNode } from "./values.ts";

/** Opens a dataframe view of `path` (or focuses the existing one). */
function openDataframe(path: string): void {
  const id = `dataframe:${path}`;
  const s = get();
  if (!s.extraViews.some((v) => v.id === id)) set({ extraViews: [...s.extraViews, { id, kind: "dataframe", title: `${path} (dataframe)`, origin: path, entities: [path] }] });
  set({ maximized: null });
}

/** The value of a cell for the selected instance (a single value applies to all instances). */
function cellNode(cell: Cell, instance: number | null): Node {
  const vs = values(cell);
  if (instance !== null && vs.length > 1) return valueNode(cell.component, vs[Math.min(instance, vs.length - 1)]!);
  return valueNode(cell.component, vs.length === 1 ? vs[0]! : vs);
}

/** Mounts the panel into `el`. */
export function mountSelection(el: HTMLElement): void {
  const body = h("div", { class: "selection-body" });
  el.append(h("div", { class: "panel-title" }, "Selection"), body);
  let cells: Map<string, Cell> | null = null;

  const render = () => {
    const s = get(), sel = s.selection, tl = currentTimeline();
    if (!sel) return replaceChildren(body, h("div", { class: "empty" }, "Click an entity or an instance in a view or in the entity tree."));
    const ent = catalog().byPath.get(sel.path);
    const byArch = new Map<string, Cell[]>();
    for (const c of cells?.values() ?? []) {
      if (indicatorArchetype(c.component)) continue;
      const a = c.archetype ? archetypeShortName(c.archetype) : "(no archetype)";
      (byArch.get(a) ?? byArch.set(a, []).get(a)!).push(c);
    }
    replaceChildren(body,
      h("div", { class: "sel-path mono", title: sel.path }, sel.path),
      sel.instance !== null ? h("div", { class: "sel-instance" }, `Instance #${sel.instance}`) : null,
      ent ? h("div", { class: "sel-archetypes" }, ...[...ent.archetypes].sort().map((a) => h("span", { class: "chip" }, a))) : null,
      h("div", { class: "sel-actions" },
        h("button", { onclick: () => toggleHidden(sel.path) }, isHidden(sel.path) ? "Show" : "Hide"),
        h("button", { onclick: () => openDataframe(sel.path) }, "Dataframe")),
      cells === null ? h("div", { class: "empty" }, "Loading…") : byArch.size === 0 ? h("div", { class: "empty" }, "No data at this time") : null,
      ...[...byArch].map(([arch, list]) => h("div", { class: "sel-archetype" },
        h("div", { class: "sel-arch-name" }, arch),
        h("table", { class: "table kv" }, h("tbody", {}, ...list.map((c) => h("tr", {},
          h("td", { class: "comp", title: c.component }, componentShortName(c.component)),
          h("td", { class: "mono value" }, cellNode(c, sel.instance)),
          h("td", { class: "mono when" }, c.time === null ? "static" : tl ? formatTime(c.time, tl.type) : String(c.time)))))))));
  };

  const watcher = watchLatest(() => {
    const path = get().selection?.path;
    return path ? { entity: path, components: null } : null;
  }, (rows) => {
    const path = get().selection?.path;
    cells = path ? (rows.get(path)?.cells ?? new Map()) : null;
    render();
  });
  subscribe(["selection"], (changed) => {
    if (changed.has("selection")) cells = null;
    render();
    if (get().selection) watcher.refresh();
  });
  subscribe(["hidden"], render);
  render();
}
