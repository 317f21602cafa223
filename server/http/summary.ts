/** The JSON summaries of `/api/recordings` and `/api/recordings/{id}/entities` (docs/API.md). */
import type { EntityDb } from "../../store/db/entity-db.ts";
import type { EntityNode } from "../../store/db/tree.ts";
import { formatSource } from "../../store/source.ts";
import { typeName } from "../../store/transport.ts";
import { timelinesOf } from "./stores.ts";

export interface RecordingSummary {
  id: string;
  kind: "Recording" | "Blueprint";
  applicationId: string | null;
  source: string | null;
  /** Nanoseconds since the epoch, decimal. */
  started: string | null;
  version: string | null;
  sizeBytes: number;
  rows: number;
  entityCount: number;
  timelines: { name: string; type: "Sequence" | "Time"; min: string; max: string }[];
}

export interface EntitySummary {
  path: string;
  rows: number;
  staticRows: number;
  components: { component: string; archetype: string | null; archetypeField: string | null; type: string }[];
  timelines: Record<string, { min: string; max: string; rows: number }>;
}

/** What `/api/recordings` lists for one store. */
export function recordingSummary(db: EntityDb): RecordingSummary {
  const info = db.info;
  const paths = db.entityPaths();
  let rows = 0;
  for (const p of paths) for (const slot of db.entity(p)?.slots ?? []) rows += slot.numRows;
  const timelines = [...timelinesOf(db)]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([name, t]) => ({ name, type: t.type, min: String(t.min), max: String(t.max) }));
  return {
    id: db.id.id,
    kind: db.id.kind,
    applicationId: info?.applicationId ?? null,
    source: info ? formatSource(info.storeSource) : null,
    started: info ? String(info.started) : null,
    version: info?.storeVersion ?? null,
    sizeBytes: db.bytes,
    rows,
    entityCount: paths.length,
    timelines,
  };
}

/** Every node of the entity tree of `db` (the root and parents without data too), sorted by path. */
export function entitySummaries(db: EntityDb): EntitySummary[] {
  const out: EntitySummary[] = [];
  const walk = (node: EntityNode): void => {
    out.push(entitySummary(db, node));
    for (const child of node.children) walk(child);
  };
  walk(db.tree());
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function entitySummary(db: EntityDb, node: EntityNode): EntitySummary {
  const info = node.info;
  const rows = new Map<string, number>();
  for (const slot of db.entity(node.path)?.slots ?? []) for (const { name } of slot.timeSpans) rows.set(name, (rows.get(name) ?? 0) + slot.numRows);
  const timelines: EntitySummary["timelines"] = {};
  for (const [name, t] of info?.timelines ?? []) timelines[name] = { min: String(t.min), max: String(t.max), rows: rows.get(name) ?? 0 };
  return {
    path: node.path,
    rows: info?.numRows ?? 0,
    staticRows: info?.numStaticRows ?? 0,
    components: (info?.components ?? []).map(({ descriptor: d, type }) => ({
      component: d.component,
      archetype: d.archetype,
      archetypeField: d.archetypeField,
      type: typeName(type),
    })),
    timelines,
  };
}
