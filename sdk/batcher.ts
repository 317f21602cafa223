/**
 * Rerun's chunk batcher: rows are collected per entity and turned into chunks when the entity holds
 * `flushNumBytes` or `flushNumRows`, or `flushTickSec` after the first pending row (the timer is
 * unref'd: it never keeps a process alive; the exit hooks flush instead).
 */
import type { Chunk } from "../store/chunk.ts";
import { rowsToChunks, type PendingRow } from "./chunking.ts";
import type { BatcherConfig } from "./config.ts";

interface Pending {
  rows: PendingRow[];
  bytes: number;
}

/** Collects rows and emits chunks. */
export class Batcher {
  private readonly entities = new Map<string, Pending>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly config: BatcherConfig, private readonly emit: (chunks: Chunk[]) => void) {}

  /** Adds a row of `entity`; flushes that entity at once if it reached a threshold. */
  push(entity: string, row: PendingRow): void {
    let p = this.entities.get(entity);
    if (!p) this.entities.set(entity, (p = { rows: [], bytes: 0 }));
    p.rows.push(row);
    p.bytes += row.bytes;
    if (p.rows.length >= this.config.flushNumRows || p.bytes >= this.config.flushNumBytes) this.flushEntity(entity, p);
    else this.arm();
  }

  /** Turns every pending row into chunks now. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    for (const [entity, p] of this.entities) this.flushEntity(entity, p);
  }

  /** Rows waiting to be chunked. */
  get pendingRows(): number {
    let n = 0;
    for (const p of this.entities.values()) n += p.rows.length;
    return n;
  }

  private flushEntity(entity: string, p: Pending): void {
    this.entities.delete(entity);
    if (p.rows.length > 0) this.emit(rowsToChunks(entity, p.rows, this.config.maxRowsIfUnsorted));
  }

  private arm(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.config.flushTickSec * 1000);
    (this.timer as { unref?: () => void }).unref?.();
  }
}
