/**
 * The one push-based RRD decoder: feed byte chunks of any size (files, stdin, HTTP bodies,
 * TCP packets) and get whole `LogMsg`s back, in order.
 */
import { decodeLogMsg, MsgPackError } from "./envelope.ts";
import { RrdError } from "./errors.ts";
import { HEADER_SIZE, readHeader, type StreamHeader } from "./header.ts";
import type { LogMsg } from "./logmsg.ts";
import { lz4Decompress } from "./lz4.ts";
import { alignedCopy, alignInPlace, SLAB_MAX, slabSpace } from "./slab.ts";
import { compareVersions, type CrateVersion, formatVersion, isCompatible, LOCAL_VERSION, RERUN_VERSION } from "./version.ts";

const MSG_HEADER_SIZE = 8;
const EMPTY = new Uint8Array(0);
/** Join buffers up to this size are reused between messages. */
const JOIN_MAX = 64 << 20;
/** The largest possible LZ4 expansion: a compressed block cannot claim more than this ratio. */
const LZ4_MAX_RATIO = 255;

export interface DecoderOptions {
  /** Called for every whole message, as soon as it is decoded. */
  onMessage: (msg: LogMsg) => void;
  /** Called once per distinct warning text (e.g. a version mismatch). */
  onWarning?: (text: string) => void;
  /** Called for each stream header met (several for concatenated streams). */
  onHeader?: (header: StreamHeader, offset: number) => void;
  /** Called at each end-of-stream marker. */
  onEnd?: (offset: number) => void;
  /**
   * The caller hands pushed buffers over (never reuses or modifies them): a large message that fills
   * most of one pushed buffer is then decoded in place, its chunk keeping a view instead of a copy.
   */
  adopt?: boolean;
}

type State = { at: "header" } | { at: "trailing" } | { at: "msgHeader" } | { at: "body"; compressed: number; uncompressed: number } | { at: "failed"; error: RrdError };
/** The states without data, shared (one object each instead of one per message). */
const HEADER: State = { at: "header" };
const TRAILING: State = { at: "trailing" };
const MSG_HEADER: State = { at: "msgHeader" };

export class RrdDecoder {
  private state: State = HEADER;
  private header: StreamHeader | null = null;
  private maxVersion: CrateVersion | null = null;
  private readonly chunks: Uint8Array[] = [];
  /** Bytes of `chunks[0]` already consumed. */
  private head = 0;
  private buffered = 0;
  /** Absolute offset (in the whole input) of the first buffered byte. */
  private consumed = 0;
  /** Reused between messages: the bytes of a message split across pushes (they die with the message). */
  private joined = new Uint8Array(0);
  /**
   * Where the next LZ4 output starts past an 8-aligned address: chosen so that its IPC bytes, at the last
   * message's offset into its body, start aligned and need no move.
   */
  private ipcSkew = 0;
  /** The byte offset of the body being decoded in its buffer. */
  private bodyAt = 0;
  /** Aligns the IPC bytes of an owned body in place, noting the skew that would have made that free. */
  private readonly inPlace = (ipc: Uint8Array): Uint8Array => {
    this.ipcSkew = (8 - ((ipc.byteOffset - this.bodyAt) % 8)) % 8;
    return alignInPlace(ipc);
  };
  /** The last stream header's bytes: a repeat (each TCP packet starts with one) skips the checks. */
  private readonly lastHeader = new Uint8Array(HEADER_SIZE);
  private readonly warned = new Set<string>();
  /** Messages decoded so far. */
  messages = 0;
  /** Stream headers seen so far. */
  streams = 0;

  constructor(private readonly opts: DecoderOptions) {}

  /** Total bytes pushed so far. */
  get offset(): number {
    return this.consumed + this.buffered;
  }

  /** The newest version of any stream header seen (Rerun keeps the maximum). */
  get version(): CrateVersion | null {
    return this.maxVersion;
  }

  /** Feeds bytes; decodes every message they complete. Throws `RrdError` on malformed data. */
  push(bytes: Uint8Array): void {
    if (this.state.at === "failed") throw this.state.error;
    if (bytes.length > 0) {
      this.chunks.push(bytes);
      this.buffered += bytes.length;
    }
    try {
      this.drain();
    } catch (e) {
      const error = e instanceof RrdError ? e : new RrdError(`Failed to decode: ${(e as Error).message}`, this.consumed);
      this.state = { at: "failed", error };
      throw error;
    }
  }

  /** Declares the end of input. A stream that stops between messages is fine; inside a body it is not. */
  finish(): void {
    if (this.state.at === "failed") throw this.state.error;
    if (this.state.at === "body") {
      const need = this.bodyLength(this.state) - this.buffered;
      throw new RrdError(`Failed to read: the stream ends inside a message body (${need} bytes missing)`, this.offset);
    }
    if (this.state.at === "header" && this.streams === 0) {
      throw new RrdError(this.buffered === 0 ? "Not an .rrd file: the input is empty" : "Not an .rrd file: shorter than the 12-byte stream header", 0);
    }
    if (this.state.at === "header" && this.buffered > 0) {
      throw new RrdError(`Failed to read: the stream ends inside a stream header (${this.buffered} of ${HEADER_SIZE} bytes)`, this.consumed);
    }
  }

  private bodyLength(s: { compressed: number; uncompressed: number }): number {
    return this.header!.compression === "lz4" ? s.compressed : s.uncompressed;
  }

  private drain(): void {
    for (;;) {
      const s = this.state;
      if (s.at === "header") {
        if (this.streams > 0 && this.buffered > 0 && this.byteAt(0) !== 0x52) {
          this.warn("Ignoring bytes after the end-of-stream marker that do not start a new stream");
          this.state = TRAILING;
          continue;
        }
        if (this.buffered < HEADER_SIZE) return;
        const at = this.consumed;
        if (this.header && this.repeatsHeader()) {
          this.skip(HEADER_SIZE);
          this.begin(this.header, at);
        } else {
          const b = this.take(HEADER_SIZE);
          this.startStream(readHeader(b, 0, at), at);
          this.lastHeader.set(b);
        }
      } else if (s.at === "msgHeader") {
        if (this.buffered < MSG_HEADER_SIZE) return;
        // A new stream's magic, even before all 12 header bytes are in (the header state waits for them).
        if (this.peekMagic()) {
          this.state = HEADER;
          continue;
        }
        const at = this.consumed;
        const compressed = this.u32At(0), uncompressed = this.u32At(4);
        this.skip(MSG_HEADER_SIZE);
        if (compressed === 0 && uncompressed === 0) {
          this.opts.onEnd?.(at);
          this.state = HEADER;
          continue;
        }
        if (this.header!.compression === "lz4" && uncompressed > compressed * LZ4_MAX_RATIO + 64) {
          throw new RrdError(`lz4 error: a ${compressed}-byte block cannot expand to the declared ${uncompressed} bytes`, at);
        }
        this.state = { at: "body", compressed, uncompressed };
      } else if (s.at === "trailing") {
        this.skip(this.buffered);
        return;
      } else if (s.at === "body") {
        const n = this.bodyLength(s);
        if (this.buffered < n) return;
        const at = this.consumed;
        this.state = MSG_HEADER;
        this.decodeBody(this.take(n), s.uncompressed, at);
      } else {
        throw s.error;
      }
    }
  }

  private startStream(header: StreamHeader, at: number): void {
    const v = formatVersion(header.version);
    if (header.serializer === "protobuf") {
      throw new RrdError(
        `This stream was written by Rerun ${v} with the protobuf serializer (Rerun ≥ 0.23); reading it is not supported yet (we read Rerun 0.17–0.22 MsgPack streams)`,
        at,
      );
    }
    if (compareVersions(header.version, { major: 0, minor: 17, patch: 0, meta: { kind: "release" } }) < 0) {
      throw new RrdError(`This stream was written by Rerun ${v}, older than 0.17, whose data format is not supported`, at);
    }
    if (!isCompatible(header.version, LOCAL_VERSION)) {
      this.warn(
        `Found log stream with Rerun version ${v}, which is incompatible with the local Rerun version ${RERUN_VERSION}. Loading will try to continue, but might fail in subtle ways.`,
      );
    }
    if (!this.maxVersion || compareVersions(header.version, this.maxVersion) > 0) this.maxVersion = header.version;
    this.begin(header, at);
  }

  /** Starts reading the messages of a checked stream. */
  private begin(header: StreamHeader, at: number): void {
    this.header = header;
    this.streams++;
    this.opts.onHeader?.(header, at);
    this.state = MSG_HEADER;
  }

  private decodeBody(raw: Uint8Array, uncompressed: number, at: number): void {
    let body = raw;
    // Bodies are decoded in place when they are ours: LZ4 output, or a large adopted buffer they mostly fill.
    let owned = raw.length > SLAB_MAX && this.opts.adopt === true && raw.buffer !== this.joined.buffer && 2 * raw.length >= raw.buffer.byteLength;
    if (this.header!.compression === "lz4") {
      // Decompressed straight into the memory the IPC bytes keep: one copy fewer than through a scratch buffer.
      owned = true;
      const dst = slabSpace(uncompressed, this.ipcSkew);
      let n: number;
      try {
        n = lz4Decompress(raw, dst);
      } catch (e) {
        throw new RrdError((e as Error).message.startsWith("lz4 error") ? (e as Error).message : `lz4 error: ${(e as Error).message}`, at + MSG_HEADER_SIZE);
      }
      if (n !== uncompressed) throw new RrdError(`lz4 error: decompressed ${n} bytes, the header says ${uncompressed}`, at + MSG_HEADER_SIZE);
      body = dst;
    }
    let msg: LogMsg;
    try {
      this.bodyAt = body.byteOffset;
      msg = decodeLogMsg(body, owned ? this.inPlace : alignedCopy);
    } catch (e) {
      if (e instanceof MsgPackError) throw new RrdError(`MsgPack error: ${e.message} (message body byte ${e.pos})`, at);
      throw e;
    }
    if (msg.kind === "SetStoreInfo") msg.info.storeVersion = formatVersion(this.header!.version);
    this.messages++;
    this.opts.onMessage(msg);
  }

  private warn(text: string): void {
    if (this.warned.has(text)) return;
    this.warned.add(text);
    this.opts.onWarning?.(text);
  }

  private peekMagic(): boolean {
    return this.byteAt(0) === 0x52 && this.byteAt(1) === 0x52 && this.byteAt(2) === 0x46 && this.byteAt(3) === 0x32;
  }

  /** True when the next 12 buffered bytes equal the last stream header. */
  private repeatsHeader(): boolean {
    for (let i = 0; i < HEADER_SIZE; i++) if (this.byteAt(i) !== this.lastHeader[i]) return false;
    return true;
  }

  /** Buffered byte `i` (0: the next unread one); `i` must be below `buffered`. */
  private byteAt(i: number): number {
    let k = this.head + i, j = 0;
    while (k >= this.chunks[j]!.length) k -= this.chunks[j++]!.length;
    return this.chunks[j]![k]!;
  }

  /** The little-endian u32 at buffered byte `i`. */
  private u32At(i: number): number {
    return (this.byteAt(i) | (this.byteAt(i + 1) << 8) | (this.byteAt(i + 2) << 16) | (this.byteAt(i + 3) << 24)) >>> 0;
  }

  /** Drops `n` buffered bytes. */
  private skip(n: number): void {
    this.buffered -= n;
    this.consumed += n;
    let left = n;
    while (left > 0) {
      const rest = this.chunks[0]!.length - this.head;
      if (left < rest) {
        this.head += left;
        return;
      }
      left -= rest;
      this.chunks.shift();
      this.head = 0;
    }
  }

  /** Removes `n` buffered bytes: a view when they lie in one chunk, else one copy (valid until the next `take`). */
  private take(n: number): Uint8Array {
    if (n === 0) return EMPTY;
    const first = this.chunks[0]!, at = this.head;
    if (first.length - at >= n) {
      this.skip(n);
      return first.subarray(at, at + n);
    }
    if (n <= JOIN_MAX) this.joined = grow(this.joined, n);
    const out = n <= JOIN_MAX ? this.joined.subarray(0, n) : new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0]!, from = this.head;
      const k = Math.min(c.length - from, n - filled);
      out.set(c.subarray(from, from + k), filled);
      filled += k;
      this.skip(k);
    }
    return out;
  }
}

/** `buf` if it holds `n` bytes, else a larger buffer (doubling, up to `JOIN_MAX`). */
function grow(buf: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  return buf.length >= n ? buf : new Uint8Array(Math.max(n, Math.min(buf.length * 2, JOIN_MAX)));
}

/** Decodes a whole in-memory RRD (possibly several concatenated streams). */
export function decodeRrd(bytes: Uint8Array, onWarning?: (text: string) => void): LogMsg[] {
  const out: LogMsg[] = [];
  const d = new RrdDecoder({ onMessage: (m) => out.push(m), onWarning });
  d.push(bytes);
  d.finish();
  return out;
}
