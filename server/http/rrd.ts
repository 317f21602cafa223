/** `/rrd`: a recording, or a time slice of it, as an LZ4 `.rrd` download streamed frame by frame. */
import { chunkMsg } from "../../store/chunk-msg.ts";
import type { EntityDb } from "../../store/db/entity-db.ts";
import { END_MARKER, encodeFrame } from "../../store/encoder.ts";
import { headerBytes } from "../../store/header.ts";
import { type Selection, selectChunks } from "./select.ts";

/** The download of the selected part of `db`: stream header, store info, chunks, end marker. */
export function rrdResponse(db: EntityDb, sel: Selection): Response {
  const chunks = selectChunks(db, sel);
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (!started) {
        started = true;
        ctrl.enqueue(headerBytes("lz4"));
        if (db.storeInfo) ctrl.enqueue(encodeFrame(db.storeInfo, "lz4"));
        return;
      }
      const r = chunks.next();
      if (!r.done) return ctrl.enqueue(encodeFrame(chunkMsg(db.id, r.value), "lz4"));
      ctrl.enqueue(END_MARKER);
      ctrl.close();
    },
  });
  const name = `${db.id.id.replace(/[^\w.-]+/g, "_") || "recording"}.rrd`;
  return new Response(body, {
    headers: { "content-type": "application/octet-stream", "content-disposition": `attachment; filename="${name}"` },
  });
}
