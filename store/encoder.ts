/** Writes RRD streams: header, framed (optionally LZ4) MessagePack messages, end marker. */
import { encodeLogMsg } from "./envelope.ts";
import { type Compression, HEADER_SIZE, headerBytes } from "./header.ts";
import type { LogMsg } from "./logmsg.ts";
import { lz4Compress, lz4CompressBound } from "./lz4.ts";

/** The 8-byte end-of-stream marker. */
export const END_MARKER = new Uint8Array(8);

/** Encodes one message as a frame (8-byte header + body) of a stream with the given compression. */
export function encodeFrame(msg: LogMsg, compression: Compression): Uint8Array {
  return frameBody(encodeLogMsg(msg), compression, 0);
}

/** Frames an encoded body; `lead` free bytes are left at the front for the caller. */
function frameBody(body: Uint8Array, compression: Compression, lead: number): Uint8Array {
  if (compression === "off") {
    const out = new Uint8Array(lead + 8 + body.length);
    const v = new DataView(out.buffer);
    v.setUint32(lead, body.length, true);
    v.setUint32(lead + 4, body.length, true);
    out.set(body, lead + 8);
    return out;
  }
  const out = new Uint8Array(lead + 8 + lz4CompressBound(body.length));
  const n = lz4Compress(body, out.subarray(lead + 8)).length;
  const v = new DataView(out.buffer);
  v.setUint32(lead, n, true);
  v.setUint32(lead + 4, body.length, true);
  return out.subarray(0, lead + 8 + n);
}

/** One self-contained uncompressed stream holding one message, as a 0.22 SDK puts in a TCP packet. */
export function encodePacketStream(msg: LogMsg): Uint8Array {
  const out = frameBody(encodeLogMsg(msg), "off", HEADER_SIZE);
  out.set(headerBytes("off"));
  return out;
}

/** Encodes a whole stream: header, every message, and the end marker. */
export function encodeRrd(msgs: Iterable<LogMsg>, compression: Compression = "lz4"): Uint8Array {
  const parts: Uint8Array[] = [headerBytes(compression)];
  for (const m of msgs) parts.push(encodeFrame(m, compression));
  parts.push(END_MARKER);
  return concat(parts);
}

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
