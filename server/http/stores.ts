/** Finding the addressed store and what its timelines span. */
import type { EntityDb } from "../../store/db/entity-db.ts";
import type { Hub } from "../../store/db/hub.ts";
import type { TimeType } from "../../store/logmsg.ts";
import { HttpError } from "./errors.ts";

/** The extent of one timeline over a whole store. */
export interface TimelineExtent {
  type: TimeType;
  min: bigint;
  max: bigint;
  /** Rows with a time on this timeline. */
  rows: number;
}

/** The recording (else the blueprint) with store id `id`; 404 if there is none. */
export function storeOf(hub: Hub, id: string): EntityDb {
  const db = hub.get({ kind: "Recording", id }) ?? hub.get({ kind: "Blueprint", id });
  if (!db) throw new HttpError(404, `unknown recording ${JSON.stringify(id)}`);
  return db;
}

/** Every timeline of `db` with its extent, by name. */
export function timelinesOf(db: EntityDb): Map<string, TimelineExtent> {
  const out = new Map<string, TimelineExtent>();
  for (const path of db.entityPaths()) {
    for (const slot of db.entity(path)?.slots ?? []) {
      for (const s of slot.timeSpans) {
        const t = out.get(s.name);
        if (!t) out.set(s.name, { type: s.type, min: s.min, max: s.max, rows: slot.numRows });
        else {
          if (s.min < t.min) t.min = s.min;
          if (s.max > t.max) t.max = s.max;
          t.rows += slot.numRows;
        }
      }
    }
  }
  return out;
}

/** The extent of timeline `name` in `db`; 400 if the store has no such timeline. */
export function timelineOf(db: EntityDb, name: string): TimelineExtent {
  const t = timelinesOf(db).get(name);
  if (!t) throw new HttpError(400, `recording ${JSON.stringify(db.id.id)} has no timeline ${JSON.stringify(name)}`);
  return t;
}
