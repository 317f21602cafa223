/** The indices of one entity: static winners per component, temporal chunk lists per (timeline, component). */
import { isValid } from "../arrow/values.ts";
import type { Tuid } from "../logmsg.ts";
import { rowIdAt } from "../transport.ts";
import { tuidCompare } from "../tuid.ts";
import { ChunkList } from "./chunk-list.ts";
import { RowKeys } from "./keys.ts";
import type { Slot } from "./slot.ts";

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

  constructor(readonly path: string) {}

  /** Indexes a temporal slot under each of its timelines and components. */
  addTemporal(slot: Slot): void {
    this.slots.add(slot);
    const names = new Set(slot.chunk.components.map((c) => c.descriptor.component));
    for (const [timeline, span] of slot.spans) {
      let byComp = this.lists.get(timeline);
      if (!byComp) this.lists.set(timeline, (byComp = new Map()));
      for (const name of names) {
        let list = byComp.get(name);
        if (!list) byComp.set(name, (list = new ChunkList()));
        list.add(span);
        slot.lists.push([list, span]);
      }
    }
  }

  /** Notes that rows were appended to `slot`. */
  changed(slot: Slot): void {
    for (const [list, span] of slot.lists) list.changed(span);
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
    for (const [list, span] of slot.lists) list.remove(span);
    for (const [key, s] of this.open) if (s === slot) this.open.delete(key);
    for (const [timeline, byComp] of this.lists) {
      for (const [name, list] of byComp) if (list.size === 0) byComp.delete(name);
      if (byComp.size === 0) this.lists.delete(timeline);
    }
  }
}
