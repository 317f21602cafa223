/** Splits an `application/vnd.rerun.chunks` answer ([u32 LE length][Arrow IPC]…) into chunks. */
import type { Chunk } from "../../store/chunk.ts";
import { chunkFromIpc } from "../../store/transport.ts";

/** Parses every framed chunk of `buf`; throws on a truncated frame. */
export function parseFrames(buf: ArrayBuffer): Chunk[] {
  const bytes = new Uint8Array(buf);
  const dv = new DataView(buf);
  const out: Chunk[] = [];
  for (let pos = 0; pos < bytes.length; ) {
    if (pos + 4 > bytes.length) throw new Error(`chunk frame truncated at byte ${pos}`);
    const len = dv.getUint32(pos, true);
    const start = pos + 4;
    if (start + len > bytes.length) throw new Error(`chunk frame of ${len} bytes at byte ${pos} exceeds the answer`);
    out.push(chunkFromIpc(bytes.subarray(start, start + len)));
    pos = start + len;
  }
  return out;
}
