/** `/series`: the scalar series of a recording on one timeline, downsampled server-side. */
import type { EntityDb } from "../../store/db/entity-db.ts";
import { downsample, isNumeric, type Point } from "./downsample.ts";
import { underPrefix } from "./params.ts";

/** The component series are read from unless `components=` names others. */
export const SCALAR = "rerun.components.Scalar";

export interface Series {
  entity: string;
  component: string;
  points: Point[];
}

/** What to downsample: entities under `prefix`, `components` (null: Scalar), [from, to] on `timeline` in `buckets`. */
export interface SeriesQuery {
  timeline: string;
  from: bigint;
  to: bigint;
  buckets: number;
  prefix: string;
  components: Set<string> | null;
}

/** Every numeric series matching `q`, by entity path then component. */
export function seriesOf(db: EntityDb, q: SeriesQuery): Series[] {
  const names = [...(q.components ?? [SCALAR])].sort();
  const out: Series[] = [];
  for (const path of db.entityPaths().filter((p) => underPrefix(p, q.prefix)).sort()) {
    const lists = db.entity(path)?.lists.get(q.timeline);
    const present = names.filter((n) => lists?.has(n));
    if (present.length === 0) continue;
    const runs = db.range(path, present, q.timeline, q.from, q.to);
    for (const name of present) {
      const r = runs.get(name);
      if (!r || r.length === 0 || !isNumeric(r[0]!.column.itemType)) continue;
      const points = downsample(r, q.from, q.to, q.buckets);
      if (points.length > 0) out.push({ entity: path, component: name, points });
    }
  }
  return out;
}
