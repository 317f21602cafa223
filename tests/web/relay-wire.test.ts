/** The relay's history resends a chunk still stored as it arrived as the very message that brought it. */
import { expect, test } from "bun:test";
import { F64 } from "../../store/arrow/make.ts";
import { encodeRelayFrame } from "../../store/bincode.ts";
import { batch, chunkBuilder } from "../../store/build.ts";
import { chunkMsg } from "../../store/chunk-msg.ts";
import { Hub } from "../../store/db/hub.ts";
import type { ArrowMsg } from "../../store/logmsg.ts";
import { chunkFromIpc } from "../../store/transport.ts";
import { Relay } from "../../server/relay/relay.ts";
import { decodeRelayFrame } from "./bincode.ts";
import { recording, SCALAR } from "./synth.ts";

const REC = recording("wire");
const scalars = (entity: string, from: number, rows: number) => {
  const b = chunkBuilder(entity);
  for (let i = from; i < from + rows; i++) b.row({ frame: i }, [batch(SCALAR, F64, [i])]);
  return chunkMsg(REC, b.build());
};
/** The history's frames, copied: each frame is only valid until the next one is taken. */
const history = (relay: Relay): Uint8Array[] => Array.from(relay.history(), (f) => f.slice());
const rowsOf = (frames: Uint8Array[]) => frames.map((f) => chunkFromIpc((decodeRelayFrame(f) as ArrowMsg).ipc).numRows);

test("an uncompacted chunk is replayed as its original message, byte for byte", () => {
  const hub = new Hub(), relay = new Relay(hub, () => {});
  // Over Rerun's 4096-row compaction limit: stored as it arrived. Without a timepoint, unlike a re-encoding.
  const msg: ArrowMsg = { ...scalars("/a", 0, 5000), timepointMax: [] };
  hub.add(msg);
  expect(history(relay)).toEqual([encodeRelayFrame(msg)]);
  expect(encodeRelayFrame(chunkMsg(REC, chunkFromIpc(msg.ipc)))).not.toEqual(encodeRelayFrame(msg));
  relay.close();
});

test("compacted chunks are encoded from the store, with every row", () => {
  const hub = new Hub(), relay = new Relay(hub, () => {});
  for (let i = 0; i < 3; i++) hub.add(scalars("/b", i * 10, 10));
  const frames = history(relay);
  expect(rowsOf(frames)).toEqual([30]);
  expect(frames[0]).not.toEqual(encodeRelayFrame(scalars("/b", 0, 10)));
  relay.close();
});

test("a relay started after the data arrived encodes it from the store", () => {
  const hub = new Hub();
  const msg = scalars("/c", 0, 5000);
  hub.add(msg);
  const relay = new Relay(hub, () => {});
  expect(rowsOf(history(relay))).toEqual([5000]);
  relay.close();
});
