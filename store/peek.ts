/** A look at the start of a TCP packet (spec §1.4) for congestion control (§1.6), without decoding it. */
import { MsgPackError, peekArrowHead, type PeekedHead } from "./envelope.ts";
import { u32le } from "./dataview.ts";
import { RrdError } from "./errors.ts";
import { HEADER_SIZE, readHeader } from "./header.ts";

/** How many of a packet's first bytes hold the envelope of an ordinary `ArrowMsg`. */
export const PEEK_BYTES = 1024;
const START = HEADER_SIZE + 8;

/**
 * The envelope of a packet that is exactly one uncompressed MessagePack `ArrowMsg` (what 0.22 SDKs
 * send), read from its first bytes, whose framing checks out up to the IPC bytes (their content is not
 * read), with the offset of those bytes in the packet; null for any other packet, or when `prefix` is too short.
 */
export function peekPacket(prefix: Uint8Array, packetLen: number): PeekedHead | null {
  if (prefix.length < START) return null;
  try {
    const h = readHeader(prefix, 0, 0);
    if (h.compression !== "off" || h.serializer !== "msgpack") return null;
    const len = u32le(prefix, HEADER_SIZE);
    if (len !== u32le(prefix, HEADER_SIZE + 4) || START + len !== packetLen) return null;
    const head = peekArrowHead(prefix.subarray(START), len);
    if (head) head.ipcStart += START;
    return head;
  } catch (e) {
    if (e instanceof RrdError || e instanceof MsgPackError) return null;
    throw e;
  }
}
