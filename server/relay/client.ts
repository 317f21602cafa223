/**
 * One viewer of the 0.22 relay: its history still to send, then its live messages, sent as its socket
 * drains. Messages wait as they are (usually views of what the store keeps) and are encoded when sent.
 */
import { type LogMsg, msgBytes } from "../../store/logmsg.ts";
import type { Socket } from "../runtime/types.ts";
import { SLICE_MS } from "../slice.ts";
import { scratchFrame } from "./scratch.ts";

export interface ClientLimits {
  /** Frames are sent while the socket buffers less than this many bytes. */
  highWaterBytes: number;
  /** Live message bytes a client may have waiting; above it the client is dropped. */
  maxQueuedBytes: number;
}

/** A relay viewer and its queue. */
export class RelayClient {
  /** Live message bytes waiting to be sent. */
  queuedBytes = 0;
  closed = false;
  private queue: (LogMsg | undefined)[] = [];
  private head = 0;
  private waiting = false;

  constructor(
    readonly peer: string,
    private readonly socket: Socket,
    private history: Iterator<Uint8Array> | null,
    private readonly limits: ClientLimits,
  ) {
    this.pump();
  }

  /** Queues a live message (sent at once when nothing waits); false when the client is over its byte cap. */
  push(msg: LogMsg): boolean {
    if (this.closed) return true;
    if (!this.waiting && this.history === null && this.head === this.queue.length && this.socket.buffered() < this.limits.highWaterBytes) {
      this.socket.send(scratchFrame(msg));
      return true;
    }
    this.queue.push(msg);
    this.queuedBytes += msgBytes(msg);
    if (this.queuedBytes > this.limits.maxQueuedBytes) return false;
    this.pump();
    return true;
  }

  /** Stops sending and closes the socket. */
  close(code?: number, reason?: string): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.history = null;
    this.socket.close(code, reason);
  }

  /** True while history or live frames are still waiting. */
  get busy(): boolean {
    return this.history !== null || this.head < this.queue.length;
  }

  private pump(): void {
    if (this.waiting || this.closed) return;
    const start = performance.now();
    while (this.socket.buffered() < this.limits.highWaterBytes) {
      if (performance.now() - start > SLICE_MS) {
        this.wait((fn) => setTimeout(fn, 0));
        return;
      }
      const frame = this.next();
      if (frame === null) return;
      this.socket.send(frame);
    }
    this.wait((fn) => this.socket.onDrain(fn));
  }

  private wait(arm: (fn: () => void) => void): void {
    this.waiting = true;
    arm(() => {
      this.waiting = false;
      this.pump();
    });
  }

  private next(): Uint8Array | null {
    if (this.history) {
      const r = this.history.next();
      if (!r.done) return r.value;
      this.history = null;
    }
    if (this.head === this.queue.length) return null;
    const msg = this.queue[this.head]!;
    this.queue[this.head++] = undefined;
    this.queuedBytes -= msgBytes(msg);
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    return scratchFrame(msg);
  }
}
