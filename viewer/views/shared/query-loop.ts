/** A server query kept current for a view: one request in flight at a time, then one more for the newest wanted state. */
import { type Key, subscribe } from "../../state/store.ts";

/** A running query: `stop` ends it, `refresh` asks again even if nothing seems to have changed. */
export interface QueryWatch {
  stop(): void;
  refresh(): void;
}

/** What `watchQuery` asks and where the answers go. */
export interface QueryLoop<T> {
  /** State changes that may change what is wanted. */
  on: readonly Key[];
  /** What is wanted now: its key (equal keys, equal answers) and how to fetch it; null when nothing can be asked. */
  want(): { key: string; fetch(): Promise<T> } | null;
  /** An answer already at hand for `key` (shown without a request). */
  cached?(key: string): T | undefined;
  /** Whether an answer for `key` that just arrived is still wanted (else it is asked again). */
  current?(key: string): boolean;
  show(answer: T): void;
  /** A request failed; `stopped` when the watch was stopped meanwhile. */
  onError(e: Error, stopped: boolean): void;
}

/** Runs `loop` now and after each change of its state keys, until stopped. */
export function watchQuery<T>(loop: QueryLoop<T>): QueryWatch {
  let inFlight = false, again = false, stopped = false, shown = "";
  const run = async () => {
    if (stopped) return;
    if (inFlight) return void (again = true);
    const w = loop.want();
    if (!w || w.key === shown) return;
    const hit = loop.cached?.(w.key);
    if (hit !== undefined) {
      shown = w.key;
      return loop.show(hit);
    }
    inFlight = true;
    try {
      const answer = await w.fetch();
      if (!stopped && (loop.current?.(w.key) ?? true)) {
        shown = w.key;
        loop.show(answer);
      } else again = true;
    } catch (e) {
      loop.onError(e as Error, stopped);
    } finally {
      inFlight = false;
      if (again && !stopped) {
        again = false;
        void run();
      }
    }
  };
  const unsub = subscribe(loop.on, () => void run());
  void run();
  return {
    stop() {
      stopped = true;
      unsub();
    },
    refresh() {
      shown = "";
      void run();
    },
  };
}
