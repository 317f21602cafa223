/** The messages that introduce a recording and carry its chunks. */
import type { Chunk } from "../store/chunk.ts";
import type { ArrowMsg, SetStoreInfo, StoreId } from "../store/logmsg.ts";
import { chunkTimepointMax, chunkToIpc } from "../store/transport.ts";
import { newTuid } from "../store/tuid.ts";

/** How our recordings name their source (shown by the viewer). */
const STORE_SOURCE = { kind: "Other", name: "TypeScript SDK" } as const;

/** A random UUID v4 in Rerun's lower-case hyphenated form (also where crypto.randomUUID is missing: insecure browser pages). */
export function randomUuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A fresh SetStoreInfo (new row id) for a recording. */
export function storeInfoMsg(applicationId: string, storeId: StoreId, started: bigint): SetStoreInfo {
  return {
    kind: "SetStoreInfo",
    rowId: newTuid(),
    info: {
      applicationId,
      storeId,
      clonedFrom: null,
      isOfficialExample: applicationId.startsWith("rerun_example_"),
      started,
      storeSource: STORE_SOURCE,
    },
  };
}

/** The ArrowMsg carrying `chunk`. */
export function chunkMsg(storeId: StoreId, chunk: Chunk): ArrowMsg {
  return { kind: "ArrowMsg", storeId, chunkId: chunk.id, timepointMax: chunkTimepointMax(chunk), ipc: chunkToIpc(chunk) };
}
