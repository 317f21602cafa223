/**
 * Time per async context, the TypeScript counterpart of Python's per-thread time: code run through
 * `withTimeContext` starts with no timelines set (like a new Python thread) and its `setTime*` calls
 * stay inside it. Backed by AsyncLocalStorage where the runtime has node:async_hooks (Bun, Deno,
 * Node); elsewhere contexts follow the synchronous call stack only.
 */
import type { Times } from "./time.ts";

/** One context's times, per recording. */
export type TimeContext = Map<object, Times>;

/** The part of AsyncLocalStorage used here. */
export interface ContextStore {
  getStore(): TimeContext | undefined;
  run<R>(ctx: TimeContext, fn: () => R): R;
}

/** The fallback store: the context lasts while `fn` runs synchronously. */
class StackStore implements ContextStore {
  private current: TimeContext | undefined;
  getStore(): TimeContext | undefined {
    return this.current;
  }
  run<R>(ctx: TimeContext, fn: () => R): R {
    const prev = this.current;
    this.current = ctx;
    try {
      return fn();
    } finally {
      this.current = prev;
    }
  }
}

let store: ContextStore = new StackStore();

/** Installs the context store (AsyncLocalStorage on server runtimes). */
export function setContextStore(s: ContextStore): void {
  store = s;
}

/** The times `owner` uses in the current context: `root` outside any `withTimeContext`. */
export function currentTimes(owner: object, root: Times): Times {
  const ctx = store.getStore();
  if (!ctx) return root;
  let t = ctx.get(owner);
  if (!t) ctx.set(owner, (t = new Map()));
  return t;
}

/** Runs `fn` (sync or async) with its own, initially empty, time for every recording. */
export function withTimeContext<R>(fn: () => R): R {
  return store.run(new Map(), fn);
}
