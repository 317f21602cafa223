/** Binary API answers: framed chunks, `[u32 LE length][Arrow IPC stream]` each, encoded as the client reads. */
import type { Chunk } from "../../store/chunk.ts";
import { chunkToIpc } from "../../store/transport.ts";

/** The content type of framed chunks. */
export const CHUNKS_TYPE = "application/vnd.rerun.chunks";

/** A streamed answer of `chunks`, one frame per chunk. */
export function framedChunks(chunks: Iterator<Chunk>): Response {
  const body = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      const r = chunks.next();
      if (r.done) return ctrl.close();
      const ipc = chunkToIpc(r.value);
      const head = new Uint8Array(4);
      new DataView(head.buffer).setUint32(0, ipc.length, true);
      ctrl.enqueue(head);
      ctrl.enqueue(ipc);
    },
  });
  return new Response(body, { headers: { "content-type": CHUNKS_TYPE } });
}

/** Splits a framed-chunks body back into its IPC streams (for clients and tests). */
export function splitFrames(body: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  for (let at = 0; at < body.length; ) {
    const n = at + 4 <= body.length ? view.getUint32(at, true) : Infinity;
    if (at + 4 + n > body.length) throw new Error(`framed chunks: frame at byte ${at} runs past the end (${n} bytes)`);
    out.push(body.subarray(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return out;
}
