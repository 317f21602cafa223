/** A stand-in server WebSocket for unit tests: records what is sent, with a settable send buffer. */
import type { Socket } from "../../server/runtime/types.ts";

export class FakeSocket implements Socket {
  readonly sent: (Uint8Array | string)[] = [];
  /** What `buffered()` reports: set it high to play a slow client. */
  backlog = 0;
  closed: { code?: number; reason?: string } | null = null;
  private drains: (() => void)[] = [];

  send(data: Uint8Array | string): void {
    // A real socket copies what it is given (the relay reuses its history buffer): so does the fake.
    if (!this.closed) this.sent.push(typeof data === "string" ? data : data.slice());
  }
  buffered(): number {
    return this.backlog;
  }
  onDrain(fn: () => void): void {
    this.drains.push(fn);
  }
  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
  }
  /** Empties the buffer and fires the drain callbacks. */
  drain(): void {
    this.backlog = 0;
    const fns = this.drains;
    this.drains = [];
    for (const fn of fns) fn();
  }
}
