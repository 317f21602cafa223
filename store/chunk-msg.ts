/** The `ArrowMsg` carrying a chunk, as an SDK (or a server replaying its store) sends it. */
import type { Chunk } from "./chunk.ts";
import type { ArrowMsg, StoreId } from "./logmsg.ts";
import { chunkTimepointMax, chunkToIpc } from "./transport.ts";

/** Encodes `chunk` of store `storeId` as an ArrowMsg (chunk id and timepoint max from the chunk). */
export function chunkMsg(storeId: StoreId, chunk: Chunk): ArrowMsg {
  return { kind: "ArrowMsg", storeId, chunkId: chunk.id, timepointMax: chunkTimepointMax(chunk), ipc: chunkToIpc(chunk) };
}
