/** Framed `.rrd` bytes for the scenarios: packing frames into large parts, and the raw framing walk used as an anchor. */
import { HEADER_SIZE, startsWithMagic } from "../../store/header.ts";

const PART = 64 << 20;

/** Appends frames or packet streams into parts of about 64 MB, each holding whole frames (as a reader gets them). */
export class Parts {
  private readonly list: Uint8Array[] = [];
  private cur = new Uint8Array(0);
  private pos = 0;

  /** Appends one frame (or packet stream). */
  add(frame: Uint8Array): void {
    if (this.pos + frame.length > this.cur.length) {
      this.seal();
      this.cur = new Uint8Array(Math.max(PART, frame.length));
    }
    this.cur.set(frame, this.pos);
    this.pos += frame.length;
  }

  /** The parts, trimmed. */
  done(): Uint8Array[] {
    this.seal();
    return this.list;
  }

  private seal(): void {
    if (this.pos > 0) this.list.push(this.cur.subarray(0, this.pos));
    this.cur = new Uint8Array(0);
    this.pos = 0;
  }
}

/**
 * Walks the stream headers and u32 frame lengths of whole-frame `bytes` and hands each body
 * (`length` bytes at `start`, `size` when decompressed) to `visit`; returns the number of frames.
 */
export function walkFrames(bytes: Uint8Array, visit: (bytes: Uint8Array, start: number, length: number, size: number) => void): number {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let lz4 = false, pos = 0, n = 0;
  while (pos < bytes.length) {
    if (startsWithMagic(bytes, pos)) {
      lz4 = bytes[pos + 8] === 1;
      pos += HEADER_SIZE;
      continue;
    }
    const compressed = dv.getUint32(pos, true), size = dv.getUint32(pos + 4, true);
    const length = lz4 ? compressed : size;
    if (length > 0) {
      visit(bytes, pos + 8, length, size);
      n++;
    }
    pos += 8 + length;
  }
  return n;
}

let scratch = new Uint8Array(1 << 20);

/** The memcpy-level floor of reading framed bytes: the framing walk copying each body once; returns the frame count. */
export function copyFrames(parts: Uint8Array[]): number {
  let n = 0;
  for (const p of parts) {
    n += walkFrames(p, (b, start, length) => {
      if (scratch.length < length) scratch = new Uint8Array(length);
      scratch.set(b.subarray(start, start + length));
    });
  }
  return n;
}
