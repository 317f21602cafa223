/** A queue of received byte chunks: nothing is allocated until the bytes asked for are all there. */
import { Buffer } from "node:buffer";
import { concat } from "../../store/encoder.ts";

/** Joins of at least this many bytes go into uninitialised memory: zeroing a large packet first costs as much as copying it. */
const UNINIT_MIN = 64 << 10;

/** Memory for a join of `n` bytes, starting `lead` (zeroed) bytes into its buffer. */
export function joinBuffer(n: number, lead: number): Uint8Array {
  if (lead + n < UNINIT_MIN) return new Uint8Array(lead + n).subarray(lead);
  const b = Buffer.allocUnsafeSlow(lead + n);
  const out = new Uint8Array(b.buffer, b.byteOffset, lead + n);
  out.fill(0, 0, lead);
  return out.subarray(lead);
}

/** FIFO of byte chunks with exact-size takes. */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Bytes currently buffered. */
  size = 0;

  /** Appends a chunk, as a plain `Uint8Array` view (a copy if it is a small view into a larger buffer). */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    // A runtime may hand out views into a big read buffer: copy those, so a client that trickles
    // single bytes cannot make us retain a whole read buffer per byte.
    const small = bytes.length * 2 < bytes.buffer.byteLength;
    this.chunks.push(small ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    this.size += bytes.length;
  }

  /** Removes and returns the first `n` bytes (`n <= size`): a view when in one chunk, else a copy `lead` bytes into its buffer. */
  take(n: number, lead = 0): Uint8Array {
    const bytes = this.peek(n, lead);
    this.skip(n);
    return bytes;
  }

  /** True when the first `n` bytes (`n <= size`) lie in one chunk: `take(n)` will not copy them. */
  whole(n: number): boolean {
    return n === 0 || this.chunks[0]!.length >= n;
  }

  /** The first `n` bytes (`n <= size`), left in the queue: a view when in one chunk, else a copy `lead` bytes into its buffer. */
  peek(n: number, lead = 0): Uint8Array {
    const parts: Uint8Array[] = [];
    for (let i = 0, need = n; need > 0; i++) {
      const c = this.chunks[i]!;
      parts.push(c.length > need ? c.subarray(0, need) : c);
      need -= c.length;
    }
    return parts.length === 1 ? parts[0]! : concat(parts, (m) => joinBuffer(m, lead));
  }

  /** Removes the first `n` bytes (`n <= size`) without copying anything. */
  skip(n: number): void {
    this.size -= n;
    let i = 0;
    for (let need = n; need > 0; i++) {
      const c = this.chunks[i]!;
      if (c.length > need) {
        this.chunks[i] = c.subarray(need);
        break;
      }
      need -= c.length;
    }
    this.chunks.splice(0, i);
  }

  /** Moves everything buffered to the start of `out` (at least `size` bytes long); returns how many bytes that was. */
  moveInto(out: Uint8Array): number {
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.clear();
    return at;
  }

  /** Drops everything buffered. */
  clear(): void {
    this.chunks = [];
    this.size = 0;
  }
}
