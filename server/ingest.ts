/**
 * The ingest queue between receivers (TCP clients, files, stdin, URLs) and consumers (store,
 * `--save`, relay). It measures its latency for `--drop-at-latency` and applies back-pressure.
 */
import { type LogMsg, msgBytes } from "../store/logmsg.ts";
import { SLICE_MS } from "./slice.ts";
/** Default queue high-water mark; with a memory limit, at most an eighth of it. */
const HIGH_WATER = 256 << 20;
/** With a memory limit, the process's memory is checked each time this fraction of it was consumed. */
const CHECK_FRACTION = 1 / 32;
/**
 * With a memory limit, this fraction of it is kept free for the allocator: after the store first drops data,
 * new buffers do not all fit where the dropped ones were, and the resident size grows (by up to ~90 MB at a
 * 500 MB limit in B12) before the budget sees it (docs/PERFORMANCE.md).
 */
const FRAGMENTATION_FRACTION = 1 / 8;

/** The store as the memory budget sees it: what it holds, and its own limit, which the budget lowers. */
export interface MemoryStore {
  readonly bytes: number;
  memoryLimit: number | null;
  /** Drops old data if the store holds more than its limit. */
  enforceLimit(): void;
}

/**
 * A limit on the whole process's memory (Rerun's `--memory-limit` counts every allocation, not only
 * the store): the store gets what the rest of the process leaves, and garbage is collected in time.
 */
export interface MemoryBudget {
  /** Bytes the process may use. */
  limit: number;
  store: MemoryStore;
  /** Resident bytes of the process (default `process.memoryUsage.rss()`). */
  rss?: () => number;
  /** Collects garbage, fully or only the young generation (default Bun's `Bun.gc`; a no-op elsewhere). */
  gc?: (full: boolean) => void;
}

export interface IngestOptions {
  /** Receives every message, in arrival order. */
  consume: (msg: LogMsg) => void;
  /** Above this many queued bytes, `onPressure(true)`; back below half of it, `onPressure(false)` (default 256 MiB, ≤ memory limit / 8). */
  highWaterBytes?: number;
  /** Keep the process under a memory limit. */
  memory?: MemoryBudget;
  onPressure?: (high: boolean) => void;
  /** A consumer failure for one message; the queue goes on with the next. */
  onError?: (error: Error, msg: LogMsg) => void;
  now?: () => number;
}

interface Batch {
  msgs: LogMsg[];
  bytes: number;
  at: number;
  next: number;
}

export class Ingest {
  private readonly queue: Batch[] = [];
  private head = 0;
  private bytes = 0;
  private scheduled = false;
  /** Milliseconds consumed inside `push` in this turn of the event loop (reset by an immediate once `turnMarked`). */
  private syncMs = 0;
  private turnMarked = false;
  private high = false;
  private idleWaiters: (() => void)[] = [];
  private readonly now: () => number;
  /** Queued bytes above which `onPressure(true)` is called. */
  readonly highWaterBytes: number;
  private readonly budget: Budget | null;
  /** Messages consumed so far. */
  consumed = 0;

  constructor(private readonly opts: IngestOptions) {
    this.now = opts.now ?? (() => performance.now());
    const limit = opts.memory?.limit;
    this.highWaterBytes = opts.highWaterBytes ?? (limit === undefined ? HIGH_WATER : Math.min(HIGH_WATER, limit / 8));
    this.budget = opts.memory ? new Budget(opts.memory, this.highWaterBytes) : null;
  }

  /**
   * Queues messages (one packet's worth, or one file chunk's); into an empty queue they are consumed before
   * this returns (within a slice of work per turn of the event loop), unless the sender has `more` on the way.
   */
  push(msgs: LogMsg[], more = false): void {
    if (msgs.length === 0) return;
    let bytes = 0;
    for (const m of msgs) bytes += msgBytes(m);
    this.queue.push({ msgs, bytes, at: this.now(), next: 0 });
    this.bytes += bytes;
    // Nothing else waiting: consume now rather than after the loop's other I/O, which can hold it for many
    // milliseconds. While a sender has more waiting, it is read first: consuming at once then cost throughput
    // (B2 0.45 → 0.32, same CPU offline; docs/PERFORMANCE.md).
    if (!more && this.head === this.queue.length - 1 && !this.scheduled && this.syncMs < SLICE_MS) {
      if (!this.turnMarked) {
        this.turnMarked = true;
        setImmediate(() => ((this.syncMs = 0), (this.turnMarked = false)));
      }
      this.syncMs += this.drain(SLICE_MS - this.syncMs);
    } else this.schedule();
    if (!this.high && this.bytes > this.highWaterBytes) {
      this.high = true;
      this.opts.onPressure?.(true);
    }
  }

  /** Notes bytes received and thrown away (dropped by congestion control): garbage the memory budget collects in time. */
  discarded(bytes: number): void {
    this.budget?.consumed(bytes);
  }

  /** Age in seconds of the oldest message still waiting (0 when empty). */
  latencySec(): number {
    const b = this.queue[this.head];
    return b ? (this.now() - b.at) / 1000 : 0;
  }

  /** Bytes of Arrow payload waiting. */
  get queuedBytes(): number {
    return this.bytes;
  }

  /** Resolves once everything queued so far has been consumed. */
  idle(): Promise<void> {
    if (this.head >= this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  /** Consumes for at most `sliceMs`, then schedules the rest; returns the milliseconds spent. */
  private drain(sliceMs = SLICE_MS): number {
    this.scheduled = false;
    const start = this.now();
    try {
      while (this.head < this.queue.length && this.now() - start < sliceMs) {
        const b = this.queue[this.head]!;
        const m = b.msgs[b.next++]!;
        try {
          this.opts.consume(m);
        } catch (e) {
          this.opts.onError?.(e as Error, m);
        }
        this.consumed++;
        if (b.next === b.msgs.length) {
          this.bytes -= b.bytes;
          this.queue[this.head++] = undefined as unknown as Batch;
          this.budget?.consumed(b.bytes);
        }
      }
    } finally {
      this.settle();
    }
    return this.now() - start;
  }

  /** After a drain: trims the queue, releases back-pressure, schedules what is left or wakes `idle()` waiters. */
  private settle(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (this.high && this.bytes <= this.highWaterBytes / 2) {
      this.high = false;
      this.opts.onPressure?.(false);
    }
    if (this.head < this.queue.length) this.schedule();
    else {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}

/**
 * Keeps the process under `limit`: every `limit / 32` bytes consumed, young garbage (read buffers,
 * packets of dropped messages) is collected and the store's limit set to what the rest of the process
 * leaves (its resident size minus the most the store held, a full ingest queue, some garbage and room for
 * the allocator's fragmentation); after the store dropped data, or when over the limit, a full collection
 * gives the memory back.
 *
 * The store is charged for the most it ever held, not for what it holds now: freed pages stay resident
 * for reuse (server/malloc.ts), so after the store dropped data the resident size does not shrink, and
 * charging that memory to the rest of the process would lower the store's limit at every check.
 */
class Budget {
  private sinceCheck = 0;
  private storeBytes = 0;
  /** The most bytes the store held at a check. */
  private storePeak = 0;
  private readonly rss: () => number;
  private readonly gc: (full: boolean) => void;

  constructor(private readonly opts: MemoryBudget, private readonly highWater: number) {
    this.rss = opts.rss ?? (() => process.memoryUsage.rss());
    this.gc = opts.gc ?? ((full) => (globalThis as { Bun?: { gc(full: boolean): void } }).Bun?.gc(full));
  }

  /** Notes `bytes` consumed; checks the process's memory when due. */
  consumed(bytes: number): void {
    this.sinceCheck += bytes;
    if (this.sinceCheck < this.opts.limit * CHECK_FRACTION) return;
    this.sinceCheck = 0;
    const { store, limit } = this.opts;
    this.gc(store.bytes < this.storeBytes || this.rss() > limit);
    this.storePeak = Math.max(this.storePeak, store.bytes);
    const rest = Math.max(0, this.rss() - this.storePeak);
    // Room for a full queue, for the garbage of two check intervals and for the allocator's fragmentation.
    store.memoryLimit = Math.max(limit / 4, limit - rest - this.highWater - (2 * CHECK_FRACTION + FRAGMENTATION_FRACTION) * limit);
    store.enforceLimit();
    this.storeBytes = store.bytes;
  }
}
