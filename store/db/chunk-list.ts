/**
 * The chunks of one (entity, timeline, component), ordered by their first time, with a running
 * maximum of their last times so that latest-at scans can stop early. Chunks usually arrive in
 * time order, so adding or growing the last chunk is O(1); anything else re-sorts lazily.
 */
import type { TimeSpan } from "./slot.ts";

/** Spans sorted by first time, with running maxima of their last times. */
export class ChunkList {
  private readonly spans: TimeSpan[] = [];
  /** pmax[k] = max of spans[0..k].max. */
  private readonly pmax: bigint[] = [];
  private dirty = false;

  /** Number of chunks. */
  get size(): number {
    return this.spans.length;
  }

  /** Adds a chunk's span. */
  add(s: TimeSpan): void {
    const n = this.spans.length;
    this.spans.push(s);
    if (this.dirty || (n > 0 && this.spans[n - 1]!.min > s.min)) this.dirty = true;
    else this.pmax.push(n > 0 && this.pmax[n - 1]! > s.max ? this.pmax[n - 1]! : s.max);
  }

  /** Notes that the bounds of `s` changed (rows were appended to its chunk). */
  changed(s: TimeSpan): void {
    const n = this.spans.length;
    if (this.dirty || this.spans[n - 1] !== s || (n > 1 && this.spans[n - 2]!.min > s.min)) {
      this.dirty = true;
      return;
    }
    this.pmax[n - 1] = n > 1 && this.pmax[n - 2]! > s.max ? this.pmax[n - 2]! : s.max;
  }

  /** Removes a chunk's span. */
  remove(s: TimeSpan): void {
    const i = this.spans.indexOf(s);
    if (i < 0) return;
    this.spans.splice(i, 1);
    this.pmax.length = 0;
    this.dirty = true;
  }

  /** Number of chunks whose first time is ≤ t: the candidates are spans [0, count). */
  count(t: bigint): number {
    this.settle();
    let lo = 0, hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid]!.min <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The k-th span (by first time). */
  at(k: number): TimeSpan {
    return this.spans[k]!;
  }

  /** The largest last time among spans [0, k]. */
  maxUpTo(k: number): bigint {
    return this.pmax[k]!;
  }

  private settle(): void {
    if (!this.dirty) return;
    this.spans.sort((a, b) => (a.min < b.min ? -1 : a.min > b.min ? 1 : 0));
    this.pmax.length = 0;
    for (const s of this.spans) this.pmax.push(this.pmax.length > 0 && this.pmax[this.pmax.length - 1]! > s.max ? this.pmax[this.pmax.length - 1]! : s.max);
    this.dirty = false;
  }
}
