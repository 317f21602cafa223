/** What the spatial views draw from: their subtree's latest rows, the annotation contexts, and which visualizer draws which entity. */
import type { EntityRow } from "../../data/cells.ts";
import { catalog } from "../../state/derived.ts";
import { isHidden } from "../../state/store.ts";
import { watchAnnotations } from "./annotations.ts";
import type { Contexts } from "./appearance.ts";
import { type LatestQuery, watchLatest } from "./latest.ts";
import type { QueryWatch } from "./query-loop.ts";

type Rows = ReadonlyMap<string, EntityRow>;

/** Calls `onChange` with the latest rows of `query()` and the annotation contexts whenever either changes. */
export function watchScene(query: () => LatestQuery, onChange: (rows: Rows, contexts: Contexts) => void): QueryWatch {
  let rows: Rows = new Map(), contexts: Contexts = new Map();
  const latest = watchLatest(query, (r) => {
    rows = r;
    onChange(rows, contexts);
  });
  const annotations = watchAnnotations((c) => {
    contexts = c;
    onChange(rows, contexts);
  });
  return {
    stop() {
      latest.stop();
      annotations.stop();
    },
    refresh: latest.refresh,
  };
}

/** Each shown entity of `paths` that has a row, with each of `visualizers` whose archetype it has, in order. */
export function* visualizations<V extends { archetype: string }>(paths: readonly string[], rows: Rows, visualizers: readonly V[]): Generator<{ path: string; row: EntityRow; vis: V }> {
  const cat = catalog();
  for (const path of paths) {
    const row = rows.get(path);
    if (!row || isHidden(path)) continue;
    const archetypes = cat.byPath.get(path)?.archetypes;
    for (const vis of visualizers) if (archetypes?.has(vis.archetype)) yield { path, row, vis };
  }
}
