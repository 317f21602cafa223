/** A tiny typed event emitter, and the events the chunk store emits. */
import type { Chunk } from "../chunk.ts";
import type { ArrowMsg, BlueprintActivationCommand } from "../logmsg.ts";
import type { ChunkRow } from "../transport.ts";
import type { EntityDb } from "./entity-db.ts";

/**
 * The store's events. `chunk-added` carries the chunk as received, and, for a one-row chunk queued straight
 * from its IPC bytes, the row: its `chunk` is then made on first read (a listener that can, reads the row).
 * `chunk-removed` carries the stored chunk dropped.
 */
export interface StoreEvents {
  "store-added": { db: EntityDb };
  "store-info": { db: EntityDb };
  "store-removed": { db: EntityDb };
  "chunk-added": { db: EntityDb; readonly chunk: Chunk; msg: ArrowMsg | null; row: ChunkRow | null };
  "chunk-removed": { db: EntityDb; chunk: Chunk; reason: "gc" | "overwritten" };
  "blueprint-activation": { db: EntityDb; command: BlueprintActivationCommand };
}

type Listener<T> = (ev: T) => void;

/** Typed listeners per event name. */
export class Emitter<E> {
  /** Per event, the listeners in subscription order; replaced, never changed, so an emit in progress keeps its own. */
  private readonly listeners = new Map<keyof E, readonly Listener<never>[]>();

  /** Calls `fn` for every `name` event; returns the unsubscribe function. */
  on<K extends keyof E>(name: K, fn: Listener<E[K]>): () => void {
    const f = fn as Listener<never>, list = this.listeners.get(name) ?? [];
    if (!list.includes(f)) this.listeners.set(name, [...list, f]);
    return () => void this.listeners.set(name, (this.listeners.get(name) ?? []).filter((g) => g !== f));
  }

  /** True when `name` has listeners. */
  has<K extends keyof E>(name: K): boolean {
    return (this.listeners.get(name)?.length ?? 0) > 0;
  }

  /** Calls the listeners of `name`, in subscription order. */
  emit<K extends keyof E>(name: K, ev: E[K]): void {
    const list = this.listeners.get(name);
    if (list) for (let k = 0; k < list.length; k++) (list[k] as Listener<E[K]>)(ev);
  }
}
