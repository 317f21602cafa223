/**
 * The view registry: each view type registers itself with the archetypes it draws, a spawn
 * heuristic (which views to create for a recording) and a factory. Adding a view type = adding a
 * module that calls `registerView` and importing it from views/all.ts; other view types are untouched.
 */
import type { Catalog } from "../data/catalog.ts";
import type { ViewSpec } from "../state/store.ts";

/** A live view on screen. */
export interface ViewInstance {
  /** The spec changed (same id: e.g. entities were added). */
  update(spec: ViewSpec): void;
  dispose(): void;
}

/** What a view type declares. */
export interface ViewClass {
  kind: string;
  /** A short name for the UI, e.g. "3D". */
  label: string;
  /** Archetypes (short names) this view draws. */
  archetypes: readonly string[];
  /** Rerun-like heuristic: the views to create for these entities (ids and kinds are filled in). */
  spawn(catalog: Catalog): Omit<ViewSpec, "id" | "kind">[];
  create(el: HTMLElement, spec: ViewSpec): ViewInstance;
}

const classes = new Map<string, ViewClass>();

/** Registers a view type (its `kind` must be unique). */
export function registerView(c: ViewClass): void {
  if (classes.has(c.kind)) throw new Error(`view kind ${c.kind} registered twice`);
  classes.set(c.kind, c);
}

/** The view type of `kind`. */
export function viewClass(kind: string): ViewClass | undefined {
  return classes.get(kind);
}

/** Every view spawned by every registered type's heuristic, with stable ids. */
export function spawnViews(catalog: Catalog): ViewSpec[] {
  const out: ViewSpec[] = [];
  for (const c of classes.values()) {
    for (const s of c.spawn(catalog)) out.push({ ...s, kind: c.kind, id: `${c.kind}:${s.origin}` });
  }
  return out;
}
