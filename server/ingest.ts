/**
 * The ingest queue between receivers (TCP clients, files, stdin, URLs) and consumers (store,
 * `--save`, relay). It measures its latency for `--drop-at-latency` and applies back-pressure.
 */
import type { LogMsg } from "../store/logmsg.ts";

/** Time spent consuming per turn of the event loop, so sockets and timers keep being served. */
const SLICE_MS = 8;

export interface IngestOptions {
  /** Receives every message, in arrival order. */
  consume: (msg: LogMsg) => void;
  /** Above this many queued bytes, `onPressure(true)`; back below half of it, `onPressure(false)`. */
  highWaterBytes?: number;
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
  private high = false;
  private idleWaiters: (() => void)[] = [];
  private readonly now: () => number;
  /** Messages consumed so far. */
  consumed = 0;

  constructor(private readonly opts: IngestOptions) {
    this.now = opts.now ?? (() => performance.now());
  }

  /** Queues messages (one packet's worth, or one file chunk's). */
  push(msgs: LogMsg[]): void {
    if (msgs.length === 0) return;
    let bytes = 0;
    for (const m of msgs) bytes += m.kind === "ArrowMsg" ? m.ipc.length : 256;
    this.queue.push({ msgs, bytes, at: this.now(), next: 0 });
    this.bytes += bytes;
    const hw = this.opts.highWaterBytes;
    if (hw !== undefined && !this.high && this.bytes > hw) {
      this.high = true;
      this.opts.onPressure?.(true);
    }
    this.schedule();
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

  private drain(): void {
    this.scheduled = false;
    const start = this.now();
    while (this.head < this.queue.length && this.now() - start < SLICE_MS) {
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
      }
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    const hw = this.opts.highWaterBytes;
    if (this.high && hw !== undefined && this.bytes <= hw / 2) {
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
