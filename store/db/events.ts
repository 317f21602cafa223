/** A tiny typed event emitter, and the events the chunk store emits. */
import type { Chunk } from "../chunk.ts";
import type { ArrowMsg, BlueprintActivationCommand } from "../logmsg.ts";
import type { EntityDb } from "./entity-db.ts";

/** The store's events. `chunk-added` carries the chunk as received; `chunk-removed` the stored chunk dropped. */
export interface StoreEvents {
  "store-added": { db: EntityDb };
  "store-info": { db: EntityDb };
  "store-removed": { db: EntityDb };
  "chunk-added": { db: EntityDb; chunk: Chunk; msg: ArrowMsg | null };
  "chunk-removed": { db: EntityDb; chunk: Chunk; reason: "gc" | "overwritten" };
  "blueprint-activation": { db: EntityDb; command: BlueprintActivationCommand };
}

type Listener<T> = (ev: T) => void;

/** Typed listeners per event name. */
export class Emitter<E> {
  private readonly listeners = new Map<keyof E, Set<Listener<never>>>();

  /** Calls `fn` for every `name` event; returns the unsubscribe function. */
  on<K extends keyof E>(name: K, fn: Listener<E[K]>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn as Listener<never>);
    return () => void set.delete(fn as Listener<never>);
  }

  /** Calls the listeners of `name`, in subscription order. */
  emit<K extends keyof E>(name: K, ev: E[K]): void {
    const set = this.listeners.get(name);
    if (set) for (const fn of [...set]) (fn as Listener<E[K]>)(ev);
  }
}
