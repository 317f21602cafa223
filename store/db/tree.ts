/** Entity paths (spec §4.2.1) and the entity tree with per-entity components, time extents and row counts. */
import type { DataType } from "../arrow/types.ts";
import type { ComponentDescriptor } from "../chunk.ts";
import type { TimeType } from "../logmsg.ts";
import { componentHeads, descriptorKey } from "../transport.ts";
import type { EntityIndex } from "./entity-index.ts";

/** The parts of an entity path, still escaped: `/a/b\/c` → `["a", "b\/c"]`. */
export function entityParts(path: string): string[] {
  const parts: string[] = [];
  let cur = "";
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === "\\" && i + 1 < path.length) cur += ch + path[++i];
    else if (ch === "/") (cur && parts.push(cur), (cur = ""));
    else cur += ch;
  }
  if (cur) parts.push(cur);
  return parts;
}

/** The canonical path of `parts`: `/a/b`, root `/`. */
export function joinParts(parts: readonly string[]): string {
  return `/${parts.join("/")}`;
}

/** The parent of an entity path (`/a/b` → `/a`, `/a` → `/`), or null for the root. */
export function parentPath(path: string): string | null {
  const parts = entityParts(path);
  return parts.length === 0 ? null : joinParts(parts.slice(0, -1));
}

/** What the store holds for one entity. */
export interface EntityInfo {
  path: string;
  /** Every component column, by descriptor, with its instance type. */
  components: { descriptor: ComponentDescriptor; type: DataType }[];
  /** Time extent per timeline. */
  timelines: Map<string, { type: TimeType; min: bigint; max: bigint }>;
  numRows: number;
  numStaticRows: number;
  numChunks: number;
}

/** A node of the entity tree; `info` is null for paths that only have descendants. */
export interface EntityNode {
  path: string;
  name: string;
  children: EntityNode[];
  info: EntityInfo | null;
}

/** The summary of one entity's stored chunks. */
export function entityInfo(ei: EntityIndex): EntityInfo {
  const comps = new Map<string, { descriptor: ComponentDescriptor; type: DataType }>();
  const timelines: EntityInfo["timelines"] = new Map();
  let numRows = 0, numStaticRows = 0;
  for (const slot of ei.slots) {
    numRows += slot.numRows;
    if (slot.isStatic) numStaticRows += slot.numRows;
    for (const c of componentHeads(slot.chunk)) comps.set(descriptorKey(c.descriptor), { descriptor: c.descriptor, type: c.itemType });
    for (const s of slot.timeSpans) {
      const t = timelines.get(s.name);
      if (!t) timelines.set(s.name, { type: s.type, min: s.min, max: s.max });
      else {
        if (s.min < t.min) t.min = s.min;
        if (s.max > t.max) t.max = s.max;
      }
    }
  }
  const components = [...comps].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, c]) => c);
  return { path: ei.path, components, timelines, numRows, numStaticRows, numChunks: ei.slots.size };
}

/** The tree of `infos` under the root `/`, children sorted by name. */
export function entityTree(infos: Iterable<EntityInfo>): EntityNode {
  const root: EntityNode = { path: "/", name: "/", children: [], info: null };
  const nodes = new Map<string, EntityNode>([["/", root]]);
  for (const info of infos) {
    const parts = entityParts(info.path);
    let node = root;
    parts.forEach((name, i) => {
      const path = joinParts(parts.slice(0, i + 1));
      let child = nodes.get(path);
      if (!child) {
        nodes.set(path, (child = { path, name, children: [], info: null }));
        node.children.push(child);
      }
      node = child;
    });
    node.info = info;
  }
  for (const n of nodes.values()) n.children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return root;
}
