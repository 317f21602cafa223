/**
 * Our read path as the scenarios time it: RrdDecoder over framed bytes, then every ArrowMsg's chunk read as
 * the store's ingest reads it (`readChunk`), or made into Chunk objects (`chunkFromIpc`), or ingested into a store.
 */
import { Hub } from "../../store/db/hub.ts";
import { RrdDecoder } from "../../store/decoder.ts";
import { ChunkRow, chunkFromIpc, readChunk } from "../../store/transport.ts";

/** How `decodeAll` reads: slice size, whether the parts are handed over, and whether messages go into a store. */
export interface DecodeOptions {
  /** Push the parts in slices of at most this many bytes (default: whole). */
  feed?: number;
  /** Hand the parts over to the decoder (as the TCP server does with each packet). */
  adopt?: boolean;
  /** Ingest every message into a fresh `Hub` (compaction on, Rerun's defaults) instead of only parsing the chunks. */
  store?: boolean;
  /** Make every chunk's arrays (`chunkFromIpc`), although ingest leaves a one-row chunk of a known layout unmade (`ChunkRow`). */
  arrays?: boolean;
}

/** Decodes `parts` down to chunks (`ChunkRow`s for replayed one-row chunks unless `arrays`), or into a store; returns the messages and chunk rows seen. */
export function decodeAll(parts: Uint8Array[], { feed = Infinity, adopt = false, store = false, arrays = false }: DecodeOptions = {}): { messages: number; rows: number } {
  let rows = 0;
  const hub = store ? new Hub() : null;
  const d = new RrdDecoder({
    onMessage: (m) => {
      if (hub) hub.add(m);
      else if (m.kind === "ArrowMsg") {
        const c = arrays ? chunkFromIpc(m.ipc) : readChunk(m.ipc);
        rows += c instanceof ChunkRow ? 1 : c.numRows;
      }
    },
    adopt,
  });
  for (const p of parts) for (let o = 0; o < p.length; o += feed) d.push(p.subarray(o, Math.min(p.length, o + feed)));
  d.finish();
  if (hub) for (const db of hub.stores()) for (const c of db.chunks()) rows += c.numRows;
  return { messages: d.messages, rows };
}
