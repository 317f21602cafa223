/**
 * What a new relay viewer receives first: every store info, the blueprints and their activations,
 * then the recordings' chunks (static ones first), replayed from the store. The chunk list is taken
 * when the viewer connects (later rows reach it live, never twice); frames are encoded as it drains.
 * A chunk still stored as it arrived, or kept as its IPC bytes, is sent as the message that brought it
 * (no re-encoding, and a kept chunk's arrays are not made).
 */
import type { Chunk } from "../../store/chunk.ts";
import { chunkMsg } from "../../store/chunk-msg.ts";
import type { Hub } from "../../store/db/hub.ts";
import type { Slot } from "../../store/db/slot.ts";
import type { ArrowMsg, LogMsg, StoreId } from "../../store/logmsg.ts";
import { scratchFrame } from "./scratch.ts";

type Item = LogMsg | { storeId: StoreId; chunk: Chunk };

/** The message that brought a chunk, if it is still stored as it arrived. */
export type WireLookup = (chunk: Chunk) => ArrowMsg | undefined;

/** The history frames of `hub` as of now (the lists are taken at once), encoded lazily. */
export function historyFrames(hub: Hub, wire: WireLookup = () => undefined): Generator<Uint8Array> {
  const first: Item[] = [], statics: Item[] = [], temporal: Item[] = [];
  const stores = hub.stores();
  for (const db of stores) if (db.storeInfo) first.push(db.storeInfo);
  for (const db of stores) {
    if (db.id.kind === "Blueprint") {
      for (const slot of db.slots()) first.push(itemOf(db.id, slot));
      if (db.activation) first.push(db.activation);
      continue;
    }
    for (const slot of db.slots()) (slot.isStatic ? statics : temporal).push(itemOf(db.id, slot));
  }
  return encode([first, statics, temporal], wire);
}

/** The frames, written one at a time into the shared reused buffer: each is sent (and copied by the socket) before the next is made. */
function* encode(lists: Item[][], wire: WireLookup): Generator<Uint8Array> {
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const item = list[i]!;
      list[i] = undefined as unknown as Item; // lets the store free what its GC dropped meanwhile
      yield scratchFrame("chunk" in item ? (wire(item.chunk) ?? chunkMsg(item.storeId, item.chunk)) : item);
    }
  }
}

/** A stored chunk as of now: a kept chunk as the message it came in, any other as the chunk (rows added later reach the viewer live). */
function itemOf(storeId: StoreId, slot: Slot): Item {
  return slot.keptMsg(storeId) ?? { storeId, chunk: slot.chunk };
}
