/**
 * The entity tree: every entity with its children, an eye toggle to hide/show it (and its subtree)
 * in every view, a click to select it, and its components (with archetype) when expanded.
 */
import type { EntityInfo } from "../api/types.ts";
import { depthOf, leafName, parentOf } from "../data/catalog.ts";
import { archetypeShortName, componentShortName, indicatorArchetype } from "../data/names.ts";
import { get, isHidden, set, subscribe } from "../state/store.ts";
import { h, replaceChildren } from "./dom.ts";
import { icon } from "./icons.ts";

const expanded = new Set<string>(["/"]);

/** Hides `path` if shown, shows it if hidden. */
export function toggleHidden(path: string): void {
  const hidden = new Set(get().hidden);
  if (!hidden.delete(path)) hidden.add(path);
  set({ hidden });
}

/** Mounts the tree into `el`. */
export function mountEntityTree(el: HTMLElement): void {
  const tree = h("div", { class: "entity-tree", role: "tree" });
  el.append(h("div", { class: "panel-title" }, "Entities"), tree);
  const render = () => {
    const s = get();
    const children = new Map<string, EntityInfo[]>();
    for (const e of s.entities) {
      const p = parentOf(e.path);
      if (p !== null) (children.get(p) ?? children.set(p, []).get(p)!).push(e);
    }
    const rows: HTMLElement[] = [];
    const walk = (e: EntityInfo) => {
      const kids = children.get(e.path) ?? [];
      const open = expanded.has(e.path);
      const comps = e.components.filter((c) => !indicatorArchetype(c.component));
      const hidden = isHidden(e.path);
      const selected = s.selection?.path === e.path;
      rows.push(h("div", { class: `tree-row${selected ? " selected" : ""}${hidden ? " hidden" : ""}`, role: "treeitem", "aria-expanded": kids.length || comps.length ? String(open) : null, style: `padding-left:${depthOf(e.path) * 12 + 4}px`, "data-path": e.path },
        h("button", { class: "twisty", tabindex: -1, "aria-label": open ? "Collapse" : "Expand", onclick: () => (expanded.has(e.path) ? expanded.delete(e.path) : expanded.add(e.path), render()) }, kids.length || comps.length ? (open ? "▾" : "▸") : ""),
        h("button", { class: "entity-name", title: `${e.path} — ${e.rows} rows`, onclick: () => set({ selection: { path: e.path, instance: null, viewId: null } }) }, leafName(e.path)),
        h("button", { class: "eye", title: hidden ? "Show" : "Hide", "aria-label": `${hidden ? "Show" : "Hide"} ${e.path}`, "aria-pressed": String(!hidden), onclick: () => toggleHidden(e.path) }, icon(hidden ? "eyeOff" : "eye"))));
      if (!open) return;
      for (const c of comps) {
        rows.push(h("div", { class: "tree-row component", style: `padding-left:${depthOf(e.path) * 12 + 30}px`, title: c.component },
          h("span", { class: "comp-name" }, componentShortName(c.component)), c.archetype ? h("span", { class: "comp-arch" }, archetypeShortName(c.archetype)) : null));
      }
      kids.forEach(walk);
    };
    const root = s.entities.find((e) => e.path === "/");
    if (root) walk(root);
    else (children.get("/") ?? s.entities.filter((e) => parentOf(e.path) === null)).forEach(walk);
    replaceChildren(tree, ...rows);
  };
  subscribe(["selection"], () => {
    // Reveal the selected entity: expand its ancestors and scroll it into view.
    const path = get().selection?.path;
    for (let p = path ? parentOf(path) : null; p !== null; p = parentOf(p)) expanded.add(p);
  });
  subscribe(["entities", "hidden", "selection"], () => {
    render();
    tree.querySelector(".tree-row.selected")?.scrollIntoView({ block: "nearest" });
  });
  render();
}
