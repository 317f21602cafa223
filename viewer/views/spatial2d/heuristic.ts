/**
 * Where Rerun would put 2D views: one per pinhole (image space), and for 2D content outside any
 * pinhole one per top-level subtree holding it (images of one camera usually share a subtree).
 */
import type { Catalog } from "../../data/catalog.ts";
import { ARCHETYPES_2D, subspaces } from "../../data/topology.ts";
import type { ViewSpec } from "../../state/store.ts";

/** The 2D views for a recording. */
export function spawn2d(catalog: Catalog): Omit<ViewSpec, "id" | "kind">[] {
  const out: Omit<ViewSpec, "id" | "kind">[] = [];
  const is2d = (p: string) => ARCHETYPES_2D.some((a) => catalog.has(p, a));
  for (const space of subspaces(catalog)) {
    const entities = space.entities.filter(is2d);
    if (space.pinhole) {
      out.push({ title: space.origin, origin: space.origin, entities });
      continue;
    }
    const groups = new Map<string, string[]>();
    for (const p of entities) {
      const top = p === "/" ? "/" : `/${p.split("/")[1]}`;
      (groups.get(top) ?? groups.set(top, []).get(top)!).push(p);
    }
    for (const [origin, list] of groups) out.push({ title: origin, origin, entities: list });
  }
  return out;
}
