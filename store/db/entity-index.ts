/** The indices of one entity: static winners per component, temporal chunk lists per (timeline, component). */
import { isValid } from "../arrow/values.ts";
import type { Tuid } from "../logmsg.ts";
import { rowIdAt } from "../transport.ts";
import { tuidCompare } from "../tuid.ts";
import { ChunkList } from "./chunk-list.ts";
import { RowKeys } from "./keys.ts";
import type { Slot } from "./slot.ts";
import { parentPath } from "./tree.ts";

/** The static cell that currently wins for a component. */
export interface StaticCell {
  slot: Slot;
  column: number;
  row: number;
  rowId: Tuid;
}

/** The indices of one entity path. */
export class EntityIndex {
  /** Component name → the static cell with the largest row id. */
  readonly statics = new Map<string, StaticCell>();
  /** Timeline → component name → chunks holding it on that timeline. */
  readonly lists = new Map<string, Map<string, ChunkList>>();
  /** Every stored chunk of the entity, static ones included. */
  readonly slots = new Set<Slot>();
  /** Schema key → the chunk that compatible new chunks are appended to. */
  readonly open = new Map<string, Slot>();

  /** The entity's first and last row queued in its store's `RowQueue` (-1: none). */
  queueHead = -1;
  queueTail = -1;
  /** True once any static cell is held (static cells are never removed). */
  hasStatics = false;
  private lineage: string[] | null = null;
  /** The last list `list` found: a pass over many entities asks each for the same (timeline, component). */
  private hitTimeline: string | null = null;
  private hitName: string | null = null;
  private hitList: ChunkList | undefined = undefined;

  constructor(readonly path: string) {}

  /** The entity's path, then its parent's, up to the root `/`. */
  ancestors(): readonly string[] {
    if (this.lineage) return this.lineage;
    const out: string[] = [];
    for (let p: string | null = this.path; p !== null; p = parentPath(p)) out.push(p);
    return (this.lineage = out);
  }

  /** The chunk list of component `name` on `timeline`, if any chunk holds it there. */
  list(timeline: string, name: string): ChunkList | undefined {
    if (timeline === this.hitTimeline && name === this.hitName) return this.hitList;
    const list = this.lists.get(timeline)?.get(name);
    if (list) (this.hitTimeline = timeline), (this.hitName = name), (this.hitList = list);
    return list;
  }

  /** Indexes a temporal slot under each of its timelines and components. */
  addTemporal(slot: Slot): void {
    this.slots.add(slot);
    const names = new Set(slot.chunk.components.map((c) => c.descriptor.component));
    for (const span of slot.timeSpans) {
      let byComp = this.lists.get(span.name);
      if (!byComp) this.lists.set(span.name, (byComp = new Map()));
      for (const name of names) {
        let list = byComp.get(name);
        if (!list) {
          byComp.set(name, (list = new ChunkList(name)));
          if (this.statics.has(name)) list.detach();
        }
        list.add(span);
        slot.lists.push(list);
      }
    }
  }

  /** Indexes a static slot; returns the static slots it overwrote completely (to be dropped). */
  addStatic(slot: Slot): Slot[] {
    this.slots.add(slot);
    const chunk = slot.chunk;
    const before = new Set([...this.statics.values()].map((c) => c.slot));
    const keys = new RowKeys(chunk, null);
    chunk.components.forEach((col, column) => {
      let row = -1;
      for (let i = 0; i < chunk.numRows; i++) {
        if (isValid(col.data, i) && (row < 0 || keys.cmpRowId(i, keys, row) >= 0)) row = i;
      }
      if (row < 0) return;
      const name = col.descriptor.component;
      const rowId = rowIdAt(chunk, row);
      const cur = this.statics.get(name);
      if (!cur || tuidCompare(rowId, cur.rowId) >= 0) this.statics.set(name, { slot, column, row, rowId });
      this.hasStatics = true;
      for (const byComp of this.lists.values()) byComp.get(name)?.detach();
    });
    const after = new Set([...this.statics.values()].map((c) => c.slot));
    const dropped = [...before].filter((s) => !after.has(s));
    if (!after.has(slot)) dropped.push(slot);
    for (const s of dropped) this.slots.delete(s);
    return dropped;
  }

  /** Removes a temporal slot from every index. */
  remove(slot: Slot): void {
    this.slots.delete(slot);
    for (const l of slot.lists) l.remove(slot);
    this.hitTimeline = this.hitName = null;
    this.hitList = undefined;
    for (const [key, s] of this.open) if (s === slot) this.open.delete(key);
    for (const [timeline, byComp] of this.lists) {
      for (const [name, list] of byComp) if (list.size === 0) (list.detach(), byComp.delete(name));
      if (byComp.size === 0) this.lists.delete(timeline);
    }
  }
}
