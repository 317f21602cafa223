/**
 * Rerun's memory-limit policy: when the hub is over its limit, the least recently modified
 * recording drops at least max(25 %, excess + 20 %) of its bytes, whole chunks, oldest-logged
 * (smallest row id) first. Static data, blueprints and, for every (entity, timeline, component),
 * the chunk holding the latest value are never dropped, so latest-at at the end of every timeline
 * is unchanged.
 */
import type { EntityIndex } from "./entity-index.ts";
import { latestTemporal } from "./query.ts";
import type { Slot } from "./slot.ts";

const I64_MAX = 2n ** 63n - 1n;

/** The fraction of a recording to drop when `used` bytes exceed `limit`: clamp(excess/used + 0.2, 0.25, 1). */
export function purgeFraction(used: number, limit: number): number {
  return Math.min(1, Math.max(0.25, (used - limit) / used + 0.2));
}

/** The slots GC may drop, oldest-logged first: temporal, and not holding any latest value. */
export function gcCandidates(entities: Iterable<EntityIndex>): Slot[] {
  const out: Slot[] = [];
  for (const ei of entities) {
    const kept = new Set<Slot>();
    for (const byComp of ei.lists.values()) {
      for (const [name, list] of byComp) {
        const latest = latestTemporal(list, name, I64_MAX);
        if (latest) kept.add(latest.span.slot);
      }
    }
    for (const slot of ei.slots) if (!slot.isStatic && !kept.has(slot)) out.push(slot);
  }
  return out.sort((a, b) => (a.minRowKey < b.minRowKey ? -1 : a.minRowKey > b.minRowKey ? 1 : 0));
}
