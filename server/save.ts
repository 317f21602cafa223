/** The `--save` sink: appends every received message to an LZ4 MsgPack `.rrd`, crash-safe. */
import { closeSync, openSync, writeSync } from "node:fs";
import { END_MARKER, encodeFrame } from "../store/encoder.ts";
import { headerBytes } from "../store/header.ts";
import type { LogMsg } from "../store/logmsg.ts";

/** Frames are written in batches of at most this many bytes. */
const BATCH_BYTES = 1 << 20;

export class RrdFileSink {
  private readonly fd: number;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** Messages written so far. */
  messages = 0;

  /** Creates (truncates) `path` and writes the stream header at once. */
  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
    writeSync(this.fd, headerBytes("lz4"));
  }

  /** Appends one message; it reaches the file within a few milliseconds, always as a whole frame. */
  write(msg: LogMsg): void {
    if (this.closed) return;
    const frame = encodeFrame(msg, "lz4");
    this.pending.push(frame);
    this.pendingBytes += frame.length;
    this.messages++;
    if (this.pendingBytes >= BATCH_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), 5);
  }

  /** Writes everything pending to the file. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const f of this.pending) for (let o = 0; o < f.length; ) o += writeSync(this.fd, f, o);
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Flushes, writes the end-of-stream marker and closes the file. */
  close(): void {
    if (this.closed) return;
    this.flush();
    writeSync(this.fd, END_MARKER);
    closeSync(this.fd);
    this.closed = true;
  }
}
