/** Our read path as the scenarios time it: RrdDecoder over framed bytes, then chunkFromIpc of every ArrowMsg. */
import { RrdDecoder } from "../../store/decoder.ts";
import { chunkFromIpc } from "../../store/transport.ts";

/**
 * Decodes `parts` (each pushed whole, or in slices of at most `feed` bytes) down to chunks; `adopt` hands
 * the parts over to the decoder. Returns the messages and chunk rows seen.
 */
export function decodeAll(parts: Uint8Array[], { feed = Infinity, adopt = false } = {}): { messages: number; rows: number } {
  let rows = 0;
  const d = new RrdDecoder({
    onMessage: (m) => {
      if (m.kind === "ArrowMsg") rows += chunkFromIpc(m.ipc).numRows;
    },
    adopt,
  });
  for (const p of parts) for (let o = 0; o < p.length; o += feed) d.push(p.subarray(o, Math.min(p.length, o + feed)));
  d.finish();
  return { messages: d.messages, rows };
}
