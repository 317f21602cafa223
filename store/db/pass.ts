/**
 * Latest-at of one component for many entities at one cursor, asked again as the cursor moves
 * (a view over everything on screen): answers are exactly `latestAtOne`'s.
 */
import { indexGeneration, type Member } from "./chunk-list.ts";
import { before, guess, searchTimes, words } from "./keys.ts";
import { Hit, latestAtOne, latestInList, type QuerySource } from "./query.ts";

/** `LatestAtPass` row codes: no data; the answer is a `Hit` kept aside. */
const NONE = -1, ASIDE = -2;
/** Numbers per entity in a `LatestAtPass` snapshot. */
const S = 10;
/** Entities per block of a pass: a first loop over a block loads what the second one reads (see `LatestAtPass.touch`). */
const BLOCK = 32;

/**
 * Latest-at of one component on one timeline for a fixed list of entities, asked again at other
 * times (a viewer's cursor over everything on screen); answers are exactly `latestAtOne`'s.
 *
 * Design choice: such a pass is bound by memory latency, not arithmetic (10 k entities' indices and
 * time columns are scattered over the heap). So the pass keeps, per entity, a snapshot of what the
 * search needs (the last chunk's time words, first/last times, the bound of the chunks before it)
 * in its own contiguous arrays, checked against the stamp of the chunk's `Member` (bumped by any
 * change to the chunk or to the entity's list; not even read when no index changed anywhere since
 * the last pass) and re-taken only then; it loads each block of entities' time words
 * in a loop whose iterations are independent (many cache misses in flight), then searches them;
 * and it writes rows, not objects (`hit(i)` makes the `Hit`). Entities whose answer is not simply
 * in their last chunk (static data, clears, out-of-order or null rows, a time before that chunk)
 * are answered by the general path.
 */
export class LatestAtPass {
  /** Per entity: the member whose chunk holds its answer row (null: no snapshot, general path). */
  private readonly members: (Member | null)[];
  private readonly tws: (Int32Array | null)[];
  /**
   * Per entity, at [S·i, S·i + S): its member's stamp, number of rows, first time (hi, lo), last
   * time (hi, lo), width (ns), and the max time of the chunks before it (hi, lo; hi −∞ if none).
   */
  private readonly snap: Float64Array;
  /** Per entity after `at`: its answer's row in its member's chunk, NONE, or ASIDE (in `aside`). */
  private readonly rows: Int32Array;
  private readonly aside: (Hit | null)[];
  private touched = 0;
  /** `indexGeneration()` when the last pass had checked every snapshot. */
  private checked = -1;

  constructor(
    private readonly src: QuerySource,
    readonly entities: readonly string[],
    readonly component: string,
    readonly timeline: string,
  ) {
    const n = entities.length;
    this.members = new Array<Member | null>(n).fill(null);
    this.tws = new Array<Int32Array | null>(n).fill(null);
    this.snap = new Float64Array(S * n);
    this.rows = new Int32Array(n).fill(NONE);
    this.aside = new Array<Hit | null>(n).fill(null);
  }

  /** Answers every entity at `t`; read the answers with `hit`. */
  at(t: bigint): this {
    const { src, entities, component, timeline, members, tws, snap, rows, aside } = this, n = entities.length;
    src.settle();
    const w = words(t), hi = w.hi, lo = w.lo;
    if (src.clearPaths.size > 0) {
      for (let i = 0; i < n; i++) (aside[i] = latestAtOne(src, entities[i]!, component, timeline, t)), (rows[i] = ASIDE);
      return this;
    }
    // Nothing in any store changed since the last pass checked every snapshot: they all still hold.
    const unchanged = indexGeneration() === this.checked;
    for (let b = 0; b < n; b += BLOCK) {
      const e = Math.min(n, b + BLOCK);
      this.touch(b, e, hi, lo);
      for (let i = b; i < e; i++) {
        const o = S * i;
        let m: Member | null = members[i]!;
        if (m === null || (!unchanged && m.stamp !== snap[o])) m = this.resnap(i);
        if (m === null) {
          aside[i] = latestAtOne(src, entities[i]!, component, timeline, t);
          rows[i] = ASIDE;
          continue;
        }
        const tw = tws[i]!;
        const p = searchTimes(tw, null, snap[o + 1]!, snap[o + 2]!, snap[o + 3]!, snap[o + 4]!, snap[o + 5]!, snap[o + 6]!, hi, lo, false) - 1;
        if (p >= 0 ? before(snap[o + 7]!, snap[o + 8]!, tw[2 * p + 1]!, tw[2 * p]! >>> 0) : snap[o + 7] === -Infinity) {
          rows[i] = p;
          continue;
        }
        // The answer may be in an earlier chunk.
        aside[i] = latestInList(m.list, w);
        rows[i] = ASIDE;
      }
    }
    this.checked = indexGeneration();
    return this;
  }

  /** The answer of entity i (by index into `entities`) at the last `at`, null for no data. */
  hit(i: number): Hit | null {
    const r = this.rows[i]!;
    if (r === ASIDE) return this.aside[i]!;
    const m = this.members[i]!;
    return r === NONE ? null : new Hit(m.chunk!, m.column!, r, m.times);
  }

  /** Re-takes the snapshot of entity i; null when its answers need the general path. */
  private resnap(i: number): Member | null {
    this.members[i] = null;
    this.tws[i] = null;
    this.aside[i] = null;
    const list = this.src.entity(this.entities[i]!)?.list(this.timeline, this.component);
    if (!list || list.bypass || list.settle() === 0) return null;
    const m = list.last!;
    if (!m.fresh) m.refresh();
    if (!m.dense || m.order !== null) return null;
    const s = this.snap, o = S * i, single = list.n === 1;
    this.members[i] = m;
    this.tws[i] = m.tw;
    s[o] = m.stamp;
    s[o + 1] = m.n;
    s[o + 2] = m.firstHi;
    s[o + 3] = m.firstLo;
    s[o + 4] = m.lastHi;
    s[o + 5] = m.lastLo;
    s[o + 6] = m.width;
    s[o + 7] = single ? -Infinity : list.prevMaxHi;
    s[o + 8] = single ? 0 : list.prevMaxLo;
    return m;
  }

  /**
   * Loads, for entities [from, to), the word of the time column where time (hi, lo) probably is:
   * iterations do not depend on each other, so the CPU has many entities' cache misses in flight
   * at once, and the search that follows finds those lines in cache.
   */
  private touch(from: number, to: number, hi: number, lo: number): void {
    const { tws, snap } = this;
    let x = 0;
    for (let k = from; k < to; k++) {
      const tw = tws[k], o = S * k;
      if (tw) x ^= tw[2 * guess(snap[o + 1]!, snap[o + 2]!, snap[o + 3]!, snap[o + 6]!, hi, lo) + 1]!;
    }
    this.touched ^= x;
  }
}
