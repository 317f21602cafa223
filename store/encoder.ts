/** Writes RRD streams: header, framed (optionally LZ4) MessagePack messages, end marker. */
import { encodeLogMsgParts } from "./envelope.ts";
import { type Compression, HEADER_SIZE, headerBytes } from "./header.ts";
import type { LogMsg } from "./logmsg.ts";
import { lz4Compress, lz4CompressBound } from "./lz4.ts";

/** The 8-byte end-of-stream marker. */
export const END_MARKER = new Uint8Array(8);

/** Encodes one message as a frame (8-byte header + body) of a stream with the given compression. */
export function encodeFrame(msg: LogMsg, compression: Compression): Uint8Array {
  const [head, tail] = encodeLogMsgParts(msg);
  if (compression === "off") return framed(head, tail, 0);
  // Compress into reused memory, then copy out the (smaller) result: fresh memory is written once.
  const bound = frameBound(head.length + tail.length, compression);
  if (scratchOut.length < bound) scratchOut = new Uint8Array(bound);
  return scratchOut.slice(0, writeFrame(scratchOut, 0, head, tail, compression));
}

/** One self-contained uncompressed stream holding one message, as a 0.22 SDK puts in a TCP packet. */
export function encodePacketStream(msg: LogMsg): Uint8Array {
  const [head, tail] = encodeLogMsgParts(msg);
  const out = framed(head, tail, HEADER_SIZE);
  out.set(headerBytes("off"));
  return out;
}

/** Encodes a whole stream: header, every message, and the end marker. */
export function encodeRrd(msgs: Iterable<LogMsg>, compression: Compression = "lz4"): Uint8Array {
  const bodies = [...msgs].map(encodeLogMsgParts);
  let bound = HEADER_SIZE + END_MARKER.length;
  for (const [head, tail] of bodies) bound += frameBound(head.length + tail.length, compression);
  // Frames are written straight into the result; the unused end of an LZ4 bound is never touched (nor paged in).
  const out = new Uint8Array(bound);
  out.set(headerBytes(compression));
  let at = HEADER_SIZE;
  for (const [head, tail] of bodies) at = writeFrame(out, at, head, tail, compression);
  return out.subarray(0, at + END_MARKER.length);
}

/** Concatenates byte arrays (into memory from `alloc`, zeroed by default). */
export function concat(parts: Uint8Array[], alloc: (n: number) => Uint8Array = (n) => new Uint8Array(n)): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = alloc(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

let scratchOut = new Uint8Array(0);
let scratchBody = new Uint8Array(0);

/** An uncompressed frame of body `head + tail`, after `lead` free bytes. */
function framed(head: Uint8Array, tail: Uint8Array, lead: number): Uint8Array {
  const out = new Uint8Array(lead + frameBound(head.length + tail.length, "off"));
  writeFrame(out, lead, head, tail, "off");
  return out;
}

/** The most bytes the frame of an `n`-byte body can take. */
function frameBound(n: number, compression: Compression): number {
  return 8 + (compression === "off" ? n : lz4CompressBound(n));
}

/** Writes the frame of body `head + tail` at `out[at..]` (room for `frameBound`); returns where it ends. */
function writeFrame(out: Uint8Array, at: number, head: Uint8Array, tail: Uint8Array, compression: Compression): number {
  const n = head.length + tail.length;
  let stored = n;
  if (compression === "off") {
    out.set(head, at + 8);
    out.set(tail, at + 8 + head.length);
  } else {
    // LZ4 needs the body in one piece: assemble it in reused (already paged-in) memory.
    if (scratchBody.length < n) scratchBody = new Uint8Array(n);
    scratchBody.set(head);
    scratchBody.set(tail, head.length);
    stored = lz4Compress(scratchBody.subarray(0, n), out.subarray(at + 8, at + 8 + lz4CompressBound(n))).length;
  }
  const v = new DataView(out.buffer, out.byteOffset + at, 8);
  v.setUint32(0, stored, true);
  v.setUint32(4, n, true);
  return at + 8 + stored;
}
