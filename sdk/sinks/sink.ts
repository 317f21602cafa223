/** Where a recording's messages go: memory, a TCP connection, a file, stdout, a byte stream. */
import type { LogMsg } from "../../store/logmsg.ts";

/** A destination for log messages, in order. */
export interface Sink {
  /** Takes messages (never blocks; network sinks queue). */
  send(msgs: readonly LogMsg[]): void;
  /** Resolves once everything sent so far has left the process (or has been given up on). */
  flush(): Promise<void>;
  /** Flushes, then finishes the output (end marker, socket close). */
  close(): Promise<void>;
  /** At process exit: finishes what can be finished synchronously. */
  closeSync(): void;
  /** True while data is queued that has not left the process. */
  pending(): boolean;
  /** Shutdown mode: after the flush timeout without a connection, queued data is dropped. */
  dropIfDisconnected(): void;
}

/** Keeps messages in memory until a real sink takes over (the sink of a fresh recording, and after `disconnect()`). */
export class BufferedSink implements Sink {
  private msgs: LogMsg[] = [];

  send(msgs: readonly LogMsg[]): void {
    this.msgs.push(...msgs);
  }

  /** Takes every buffered message. */
  drain(): LogMsg[] {
    const out = this.msgs;
    this.msgs = [];
    return out;
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  closeSync(): void {}

  pending(): boolean {
    return false;
  }

  dropIfDisconnected(): void {}
}
