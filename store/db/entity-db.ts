/** One store (a recording or a blueprint): its info, its chunks and their indices, queries and GC. */
import type { DataType } from "../arrow/types.ts";
import type { Chunk } from "../chunk.ts";
import { type ChunkRow, chunkHeapSize, componentIndex, viewsIpc } from "../transport.ts";
import type { ArrowMsg, BlueprintActivationCommand, SetStoreInfo, StoreId, StoreInfo } from "../logmsg.ts";
import { DEFAULT_COMPACTION, fits, schemaKey, type CompactionConfig } from "./compact.ts";
import { EntityIndex } from "./entity-index.ts";
import { Emitter, type StoreEvents } from "./events.ts";
import { gcCandidates } from "./gc.ts";
import { CLEAR_IS_RECURSIVE, latestAt, range, type Hit, type QuerySource, type Run } from "./query.ts";
import { type Queued, RowQueue } from "./queue.ts";
import { copyRow, exact, rowCopy } from "./row-copy.ts";
import { type ChunkFacts, factsOf, Slot } from "./slot.ts";
import { exactStagedBytes, rowLength, writeRow } from "./stage.ts";
import { entityInfo, entityTree, type EntityInfo, type EntityNode } from "./tree.ts";

/** Rows a slot stages before moving them into its chunk (see stage.ts). */
const STAGE_ROWS = 64;
/** Staged rows past which every staged row is moved (bounds the memory staging holds: ~100 bytes a row). */
const MAX_STAGED = 1 << 18;
/** How often a store with queued rows checks whether ingestion paused (two checks without a new row: it settles). */
const IDLE_MS = 5;

/** `t`, not keeping the process alive (Bun and Node timers have `unref`; Deno's are numbers, for `Deno.unrefTimer`). */
function unrefTimer<T>(t: T): T {
  if (typeof t === "number") (globalThis as { Deno?: { unrefTimer(id: number): void } }).Deno?.unrefTimer(t);
  else (t as { unref?: () => void }).unref?.();
  return t;
}

/** One store: ingest (with compaction), queries, entity tree, memory accounting and GC. */
export class EntityDb implements QuerySource {
  /** The last SetStoreInfo message received, if any. */
  storeInfo: SetStoreInfo | null = null;
  /** The last activation command for this (blueprint) store, if any. */
  activation: BlueprintActivationCommand | null = null;
  /** Bytes held by the stored chunks' buffers. */
  bytes = 0;
  /** When the store last received a chunk (a tick of the owning hub). */
  lastModified = 0;
  readonly clearPaths = new Set<string>();
  private readonly entities = new Map<string, EntityIndex>();
  /** One-row chunks not yet ingested (see queue.ts), taken in before anything reads the store, or once ingestion pauses. */
  private readonly queue = new RowQueue();
  /** Rows ever queued, and the timer watching for a pause (see `watchIdle`). */
  private queuedTotal = 0;
  private idle: ReturnType<typeof setTimeout> | null = null;
  /** `queuedTotal` at the idle check's last tick (-1 before its first). */
  private idleSeen = -1;
  /** Slots holding staged rows (see stage.ts), moved into their chunks before anything reads the store. */
  private readonly staged: Slot[] = [];
  /** Rows staged in all of them. */
  private stagedRows = 0;

  constructor(
    readonly id: StoreId,
    readonly config: CompactionConfig = DEFAULT_COMPACTION,
    readonly events: Emitter<StoreEvents> = new Emitter(),
  ) {}

  /** The store info, once a SetStoreInfo was received. */
  get info(): StoreInfo | null {
    return this.storeInfo?.info ?? null;
  }

  /** The indices of one entity. */
  entity(path: string): EntityIndex | undefined {
    if (this.staged.length > 0 || this.queue.rows > 0) this.settle();
    return this.entities.get(path);
  }

  /** Every entity path holding data. */
  entityPaths(): string[] {
    return [...this.entities.keys()];
  }

  /** Ingests a one-row chunk read up to its layout: queued straight from its IPC body when it can be (listeners get the row, and the chunk if they ask), else made and added. */
  addRow(row: ChunkRow, msg: ArrowMsg | null = null): void {
    const c = rowCopy(row);
    if (c === null || !exact(c, row.body)) return this.addChunk(row.chunk(), msg);
    const ei = this.index(row.entityPath);
    for (const x of row.shape.comps) if (x.descriptor.component === CLEAR_IS_RECURSIVE) this.clearPaths.add(row.entityPath);
    const at = this.enqueue(ei, row, c.staged, c.heap, c.length); // first: it may replace queue.buffer
    copyRow(c, row.body, this.queue.buffer, at);
    if (this.events.has("chunk-added")) this.emitRow(row, msg);
  }

  /** Tells listeners of a queued row; its chunk is made if one asks (apart from `addRow`: the closure's scope would cost every row an allocation). */
  private emitRow(row: ChunkRow, msg: ArrowMsg | null): void {
    let made: Chunk | null = null;
    this.events.emit("chunk-added", {
      db: this,
      msg,
      row,
      get chunk(): Chunk {
        return (made ??= row.chunk());
      },
    });
  }

  /**
   * Ingests a chunk (compacting it into the entity's open chunk when possible). `msg`, the message it was read
   * from whole if any, is passed on to listeners, and the store may keep its IPC bytes instead of the arrays.
   */
  addChunk(chunk: Chunk, msg: ArrowMsg | null = null): void {
    if (chunk.numRows === 0) return;
    const path = chunk.entityPath, ei = this.index(path);
    if (componentIndex(chunk, CLEAR_IS_RECURSIVE) >= 0) this.clearPaths.add(path);
    if (this.queued(ei, chunk)) {
      this.events.emit("chunk-added", { db: this, chunk, msg, row: null });
      return;
    }
    if (ei.queueHead >= 0) this.drainEntity(ei);
    const facts = factsOf(chunk);
    let dropped: Slot[] = [];
    if (chunk.timelines.length === 0) {
      const slot = new Slot(chunk, facts, this);
      this.bytes += slot.bytes;
      dropped = ei.addStatic(slot);
    } else {
      const key = schemaKey(chunk), last = ei.open.get(key);
      const types = chunk.shape?.types ?? chunk.components.map((c) => c.data.type);
      const sorted = last !== undefined && last.sortedWith(facts);
      const open = this.fitting(last, chunk.numRows, chunkHeapSize(chunk), types, sorted);
      // The message's bytes are kept only if the arrays view them (the IPC reader copies misaligned input).
      const ipc = msg !== null && viewsIpc(chunk, msg.ipc) ? msg.ipc : null;
      if (open === null) this.openSlot(ei, key, chunk, facts, ipc);
      else if (open.stage(chunk, facts, sorted)) this.staging(open);
      else open.append(chunk, facts, sorted);
    }
    this.events.emit("chunk-added", { db: this, chunk, msg, row: null });
    for (const s of dropped) this.drop(ei, s, "overwritten");
  }

  /** The indices of entity `path`, made on first sight. */
  private index(path: string): EntityIndex {
    let ei = this.entities.get(path);
    if (!ei) this.entities.set(path, (ei = new EntityIndex(path)));
    return ei;
  }

  /**
   * Queues a row of `ei` from the one-row chunk `from` (`staged` and `heap` its bytes, see queue.ts), draining
   * the queue first if it is full; returns where the caller writes the row's `length` bytes in `queue.buffer`.
   */
  private enqueue(ei: EntityIndex, from: Queued, staged: number, heap: number, length: number): number {
    if (this.queue.full(length)) this.drain();
    const at = this.queue.push(ei, from, staged, heap, length);
    this.bytes += staged;
    this.watchIdle();
    return at;
  }

  /** Bytes this store may hold beyond `bytes` once its queued rows are in (see `RowQueue.slack`). */
  get slack(): number {
    return this.queue.slack;
  }

  /** Moves every queued and staged row into its chunk (done before anything reads chunks or indices). */
  settle(): void {
    this.drain();
    this.flushStaged();
  }

  /** Moves every staged row into its chunk. */
  private flushStaged(): void {
    for (const s of this.staged) s.flush();
    this.staged.length = 0;
    this.stagedRows = 0;
  }

  /** Queues a one-row temporal chunk that the queue can give back exactly (see queue.ts); false when it cannot. */
  private queued(ei: EntityIndex, chunk: Chunk): boolean {
    if (chunk.shape === undefined || chunk.timelines.length === 0) return false;
    const n = exactStagedBytes(chunk);
    if (n < 0) return false;
    const at = this.enqueue(ei, chunk as Queued, n, n + 4 * chunk.components.length, rowLength(chunk)); // first: it may replace queue.buffer
    writeRow(this.queue.buffer, at, chunk);
    return true;
  }

  /** Settles the store once rows stop coming: checked every IDLE_MS while rows are queued, so queued rows are only held while ingestion is busy. */
  private watchIdle(): void {
    this.queuedTotal++;
    if (this.idle !== null) return;
    this.idleSeen = -1;
    this.idle = unrefTimer(setTimeout(this.idleTick, IDLE_MS));
  }

  /** The idle check: settles once no row was queued since the last tick, else looks again. */
  private readonly idleTick = (): void => {
    this.idle = null;
    if (this.queue.rows === 0) return;
    if (this.idleSeen === this.queuedTotal) return this.settle();
    this.idleSeen = this.queuedTotal;
    this.idle = unrefTimer(setTimeout(this.idleTick, IDLE_MS));
  };

  /** Ingests every queued row, entity after entity. */
  private drain(): void {
    const q = this.queue;
    if (q.rows === 0) return;
    for (const ei of q.entities) if (ei.queueHead >= 0) this.drainEntity(ei);
    q.clear();
  }

  /** Ingests the queued rows of one entity, in the order they came (as `addChunk` would have). */
  private drainEntity(ei: EntityIndex): void {
    const q = this.queue, head = ei.queueHead;
    ei.queueHead = ei.queueTail = -1;
    for (let r = head; r >= 0; r = q.after(r)) {
      const shape = q.shape(r), n = q.stagedBytes(r), at = q.times(r);
      q.slack -= q.heap(r) - n;
      this.bytes -= n;
      const last = ei.open.get(shape.key), sorted = last !== undefined && last.sortedWithRow(q.halves, at);
      const open = this.fitting(last, 1, q.heap(r), shape.types, sorted);
      // Most rows are staged, which needs no facts: their times are read as 32-bit halves (no BigInt).
      if (open !== null && open.stageRow(q.buffer, q.start(r), q.end(r) - q.start(r), n, sorted, q.halves, at)) this.staging(open);
      else if (open === null) this.openSlot(ei, shape.key, q.chunk(r, ei.path), q.facts(r));
      else open.append(q.chunk(r, ei.path), q.facts(r), sorted);
    }
  }

  /** An entity's open chunk `open` if `rows` rows (`heap` bytes, component `types`, keeping its order if `sorted`) fit in it; else null, `open` (if any) sealed. */
  private fitting(open: Slot | undefined, rows: number, heap: number, types: readonly DataType[], sorted: boolean): Slot | null {
    if (open !== undefined && fits(open, rows, heap, types, sorted, this.config)) return open;
    open?.seal();
    return null;
  }

  /** Notes a row staged in `slot`: a slot moves its rows in batches of STAGE_ROWS, the store all of them past MAX_STAGED. */
  private staging(slot: Slot): void {
    const n = slot.stagedRows;
    if (n === 1) this.staged.push(slot);
    if (n >= STAGE_ROWS) (slot.flush(), (this.stagedRows -= n - 1));
    else if (++this.stagedRows >= MAX_STAGED) this.flushStaged();
  }

  /** Stores `chunk` (read from `ipc` whole, if given) as the entity's new open chunk of schema `key`. */
  private openSlot(ei: EntityIndex, key: string, chunk: Chunk, facts: ChunkFacts, ipc: Uint8Array | null = null): void {
    const slot = new Slot(chunk, facts, this, ipc);
    this.bytes += slot.bytes;
    ei.addTemporal(slot);
    ei.open.set(key, slot);
  }

  /** Latest value at or before `t` on `timeline` of each of `components` of `entity` (see query.ts). */
  latestAt(entity: string, components: readonly string[], timeline: string, t: bigint | number): Map<string, Hit> {
    return latestAt(this, entity, components, timeline, BigInt(t));
  }

  /** All values in [t0, t1] on `timeline` of each of `components` of `entity` (see query.ts). */
  range(entity: string, components: readonly string[], timeline: string, t0: bigint | number, t1: bigint | number): Map<string, Run[]> {
    return range(this, entity, components, timeline, BigInt(t0), BigInt(t1));
  }

  /** What the store holds for one entity. */
  entityInfo(path: string): EntityInfo | null {
    this.settle();
    const ei = this.entities.get(path);
    return ei ? entityInfo(ei) : null;
  }

  /** The entity tree. */
  tree(): EntityNode {
    this.settle();
    return entityTree([...this.entities.values()].map(entityInfo));
  }

  /** Every stored chunk (compacting ones as views of their rows so far). */
  *chunks(): IterableIterator<Chunk> {
    for (const s of this.slots()) yield s.chunk;
  }

  /** Every stored chunk's slot. */
  *slots(): IterableIterator<Slot> {
    this.settle();
    for (const ei of this.entities.values()) yield* ei.slots;
  }

  /** Drops at least `target` bytes of temporal chunks, oldest-logged first (see gc.ts); returns the bytes dropped. */
  gc(target: number): number {
    this.settle();
    const before = this.bytes;
    for (const slot of gcCandidates(this.entities.values())) {
      if (before - this.bytes >= target) break;
      this.drop(this.entities.get(slot.chunk.entityPath)!, slot, "gc");
    }
    return before - this.bytes;
  }

  private drop(ei: EntityIndex, slot: Slot, reason: "gc" | "overwritten"): void {
    const chunk = slot.chunk;
    ei.remove(slot);
    this.bytes -= slot.bytes;
    if (ei.slots.size === 0) this.entities.delete(ei.path);
    this.events.emit("chunk-removed", { db: this, chunk, reason });
  }
}
