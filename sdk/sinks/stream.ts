/**
 * RRD bytes produced on demand: `binaryStream()` (browsers, workers, custom transports), and the
 * writer behind the file and stdout sinks. LZ4 frames as Rerun's own sinks write; end marker on close.
 */
import { concat, END_MARKER, encodeFrame } from "../../store/encoder.ts";
import { headerBytes } from "../../store/header.ts";
import type { LogMsg } from "../../store/logmsg.ts";
import type { Sink } from "./sink.ts";

/** A sink that hands its encoded bytes to `write` synchronously: header first, end marker at close. */
export class ByteSink implements Sink {
  private closed = false;

  constructor(private readonly write: (bytes: Uint8Array) => void, private readonly finish: () => void = () => {}) {
    write(headerBytes("lz4"));
  }

  send(msgs: readonly LogMsg[]): void {
    if (this.closed || msgs.length === 0) return;
    this.write(concat(msgs.map((m) => encodeFrame(m, "lz4"))));
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closeSync();
    return Promise.resolve();
  }

  closeSync(): void {
    if (this.closed) return;
    this.closed = true;
    this.write(END_MARKER);
    this.finish();
  }

  pending(): boolean {
    return false;
  }

  dropIfDisconnected(): void {}
}

/** The bytes a ByteSink produced, collected until read. */
export class ByteQueue {
  private parts: Uint8Array[] = [];
  ended = false;

  /** Appends bytes. */
  push(bytes: Uint8Array): void {
    this.parts.push(bytes);
  }

  /** Everything since the last take (empty when nothing new); null once the stream ended and was read. */
  take(): Uint8Array | null {
    if (this.parts.length === 0) return this.ended ? null : new Uint8Array(0);
    const out = concat(this.parts);
    this.parts = [];
    return out;
  }
}

/** RRD bytes of a recording, read when wanted (Python's `rr.binary_stream()`). */
export class BinaryStream {
  constructor(private readonly queue: ByteQueue, private readonly flushRows: () => void) {}

  /** The bytes since the last read (sending pending rows first unless `flush: false`); null once the stream ended. */
  read(opts: { flush?: boolean } = {}): Uint8Array | null {
    if (opts.flush !== false) this.flushRows();
    return this.queue.take();
  }
}
