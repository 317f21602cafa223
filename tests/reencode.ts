/** Re-encodes a recording with our own writers: every chunk through our Arrow IPC writer, then our RRD encoder. */
import type { Compression } from "../store/header.ts";
import { decodeRrd } from "../store/decoder.ts";
import { encodeRrd } from "../store/encoder.ts";
import type { LogMsg } from "../store/logmsg.ts";
import { chunkFromIpc, chunkToIpc } from "../store/transport.ts";

/** The same recording, written entirely by our code. */
export function reencode(bytes: Uint8Array, compression: Compression = "lz4"): Uint8Array {
  const msgs = decodeRrd(bytes, () => {}).map((m): LogMsg => (m.kind === "ArrowMsg" ? { ...m, ipc: chunkToIpc(chunkFromIpc(m.ipc)) } : m));
  return encodeRrd(msgs, compression);
}
