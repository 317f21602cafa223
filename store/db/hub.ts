/** The set of stores (recordings and blueprints) keyed by StoreId, fed with LogMsgs, under a memory limit. */
import type { LogMsg, StoreId } from "../logmsg.ts";
import { storeIdOf } from "../logmsg.ts";
import { ChunkRow, readChunk } from "../transport.ts";
import { compactionFromEnv, type CompactionConfig } from "./compact.ts";
import { EntityDb } from "./entity-db.ts";
import { Emitter, type StoreEvents } from "./events.ts";
import { purgeFraction } from "./gc.ts";

/** Hub settings. */
export interface HubOptions {
  /** Bytes of chunk buffers the hub may hold (see `parseMemoryLimit`); null = unlimited. */
  memoryLimit?: number | null;
  /** Compaction thresholds; default: Rerun's, with the RERUN_CHUNK_* environment overrides. */
  compaction?: CompactionConfig;
}

const keyOf = (id: StoreId): string => `${id.kind}:${id.id}`;

/** The stores of one process, keyed by StoreId, with store events and the memory limit. */
export class Hub {
  readonly events = new Emitter<StoreEvents>();
  memoryLimit: number | null;
  readonly compaction: CompactionConfig;
  private readonly dbs = new Map<string, EntityDb>();
  private tick = 0;
  /** The store `open` found last (most messages go to the store of the one before). */
  private last: EntityDb | null = null;

  constructor(opts: HubOptions = {}) {
    this.memoryLimit = opts.memoryLimit ?? null;
    this.compaction = opts.compaction ?? compactionFromEnv();
  }

  /** Subscribes to a store event; returns the unsubscribe function. */
  on<K extends keyof StoreEvents>(name: K, fn: (ev: StoreEvents[K]) => void): () => void {
    return this.events.on(name, fn);
  }

  /** Ingests one message into its store (created on first sight); throws `ChunkError` on a bad chunk. */
  add(msg: LogMsg): EntityDb {
    const db = this.open(storeIdOf(msg));
    switch (msg.kind) {
      case "SetStoreInfo":
        db.storeInfo = msg;
        this.events.emit("store-info", { db });
        break;
      case "ArrowMsg": {
        const chunk = readChunk(msg.ipc);
        if (chunk instanceof ChunkRow) db.addRow(chunk, msg);
        else db.addChunk(chunk, msg);
        db.lastModified = ++this.tick;
        this.enforceLimit();
        break;
      }
      case "BlueprintActivationCommand":
        db.activation = msg;
        this.events.emit("blueprint-activation", { db, command: msg });
        break;
    }
    return db;
  }

  /** The store with this id, created (and announced) if new. */
  open(id: StoreId): EntityDb {
    const last = this.last;
    if (last !== null && last.id.id === id.id && last.id.kind === id.kind) return last;
    let db = this.dbs.get(keyOf(id));
    if (db) return (this.last = db);
    this.dbs.set(keyOf(id), (db = new EntityDb(id, this.compaction, this.events)));
    // Remembered before it is announced: a listener may remove it (which forgets it again).
    this.last = db;
    this.events.emit("store-added", { db });
    return db;
  }

  /** The store with this id, if any. */
  get(id: StoreId): EntityDb | undefined {
    return this.dbs.get(keyOf(id));
  }

  /** Every store, in creation order. */
  stores(): EntityDb[] {
    return [...this.dbs.values()];
  }

  /** Forgets a store; true if it existed. */
  remove(id: StoreId): boolean {
    const db = this.dbs.get(keyOf(id));
    if (!db) return false;
    this.dbs.delete(keyOf(id));
    if (this.last === db) this.last = null;
    this.events.emit("store-removed", { db });
    return true;
  }

  /** Takes every store's queued rows in (see queue.ts): `bytes` is exact after, and not only an estimate. */
  settle(): void {
    for (const db of this.dbs.values()) db.settle();
  }

  /** Bytes of chunk buffers held by all stores (rows still queued counted by their staged bytes). */
  get bytes(): number {
    let n = 0;
    for (const db of this.dbs.values()) n += db.bytes;
    return n;
  }

  /** If over the limit: purges the least recently modified recording that can drop anything (see gc.ts). */
  enforceLimit(): void {
    if (this.memoryLimit === null) return;
    let used = this.bytes, slack = 0;
    for (const db of this.dbs.values()) slack += db.slack;
    if (used + slack <= this.memoryLimit) return;
    // Maybe over: the exact count needs every queued row in (see queue.ts).
    if (slack > 0) this.settle();
    used = this.bytes;
    if (used <= this.memoryLimit) return;
    const fraction = purgeFraction(used, this.memoryLimit);
    const recordings = this.stores().filter((db) => db.id.kind === "Recording").sort((a, b) => a.lastModified - b.lastModified);
    for (const db of recordings) if (db.gc(fraction * db.bytes) > 0) return;
  }
}
