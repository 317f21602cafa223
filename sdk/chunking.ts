/**
 * Pending rows of one entity → chunks, as Rerun's batcher cuts them: one chunk per set of timelines;
 * a new chunk when a component changes Arrow type, or after `maxRowsIfUnsorted` rows once the rows
 * went back in time on some timeline.
 */
import { sameType } from "../store/arrow/concat.ts";
import type { DataType } from "../store/arrow/types.ts";
import { type ChunkBuilder, chunkBuilder, type TimeValue } from "../store/build.ts";
import type { Chunk, ComponentDescriptor } from "../store/chunk.ts";
import type { Tuid } from "../store/logmsg.ts";
import { descriptorKey } from "../store/transport.ts";
import type { Batch } from "./component.ts";

/** One logged row waiting in the batcher. */
export interface PendingRow {
  rowId: Tuid;
  /** Timeline → value (`{ ns }` on Time timelines); empty for static rows. */
  times: Record<string, TimeValue>;
  /** Names the row's set of timelines and their types: rows with equal keys share chunks ("" for static rows). */
  key: string;
  batches: Batch[];
  /** Estimated bytes (Rerun flushes an entity at 1 MiB). */
  bytes: number;
}

/** The chunks of `rows` (all of `entity`), in row order within each timeline set. */
export function rowsToChunks(entity: string, rows: readonly PendingRow[], maxRowsIfUnsorted: number): Chunk[] {
  const groups = new Map<string, PendingRow[]>();
  for (const r of rows) {
    const g = groups.get(r.key);
    if (g) g.push(r);
    else groups.set(r.key, [r]);
  }
  const out: Chunk[] = [];
  for (const g of groups.values()) {
    let b: ChunkBuilder = chunkBuilder(entity);
    let n = 0, sorted = true, prev: PendingRow | null = null;
    const types = new Map<string, DataType>();
    for (const r of g) {
      const clash = r.batches.some((x) => {
        const t = types.get(keyOf(x.descriptor));
        return t !== undefined && !sameType(t, x.array.type);
      });
      sorted &&= prev === null || !goesBack(prev, r);
      if (n > 0 && (clash || (!sorted && n >= maxRowsIfUnsorted))) {
        out.push(b.build());
        b = chunkBuilder(entity);
        n = 0;
        sorted = true;
        types.clear();
      }
      for (const x of r.batches) types.set(keyOf(x.descriptor), x.array.type);
      b.row(r.times, r.batches, r.rowId);
      n++;
      prev = r;
    }
    out.push(b.build());
  }
  return out;
}

const keys = new WeakMap<ComponentDescriptor, string>();

/** `descriptorKey`, memoized per descriptor object (archetypes reuse theirs). */
function keyOf(d: ComponentDescriptor): string {
  let k = keys.get(d);
  if (k === undefined) keys.set(d, (k = descriptorKey(d)));
  return k;
}

const valueOf = (v: TimeValue): bigint => (typeof v === "object" ? v.ns : BigInt(v));

/** True if `next` is earlier than `prev` on some timeline. */
function goesBack(prev: PendingRow, next: PendingRow): boolean {
  for (const name in next.times) if (valueOf(next.times[name]!) < valueOf(prev.times[name]!)) return true;
  return false;
}
