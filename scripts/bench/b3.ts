/** B3: 1 M tiny messages (1 point or 1 scalar each) over 10 k entities: decode-only, and into the store with compaction. */
import { encodePacketStream } from "../../store/encoder.ts";
import { decodeAll } from "./decode.ts";
import { copyFrames, Parts } from "./frames.ts";
import { Gen } from "./gen.ts";
import { rates } from "./measure.ts";
import type { Scenario } from "./scenario.ts";

const SIZES = { tiny: { count: 5_000, entities: 1000 }, full: { count: 1_000_000, entities: 10_000 } };

export const b3: Scenario = {
  id: "B3",
  title: "1 M one-row messages (1 point or 1 scalar) over 10 k entities: decode-only (envelope + readChunk, as ingest reads them), and into the store (Hub.add, compaction)",
  run: (size) => {
    const { count, entities } = SIZES[size];
    const parts = new Parts();
    for (const m of new Gen(3).tiny(count, entities)) parts.add(encodePacketStream(m));
    const list = parts.done();
    const [decoded, made, stored, anchor] = rates(
      count,
      [() => decodeAll(list), () => decodeAll(list, { arrays: true }), () => decodeAll(list, { store: true }), () => copyFrames(list)],
      1000,
    );
    const floor = { ...anchor!, unit: "k msg/s", name: "per-message floor (framing walk + memcpy)" };
    const what = `${count / 1000} k tiny msgs, ${entities / 1000} k entities`;
    return [
      { scenario: `B3 decode ${what}`, ours: { ...decoded!, unit: "k msg/s" }, anchor: floor, target: { on: "ours", op: ">=", value: 250 } },
      {
        scenario: `B3 decode to Chunk objects (chunkFromIpc) ${what}`,
        ours: { ...made!, unit: "k msg/s" },
        anchor: floor,
        target: null,
        note: "context: every row's arrays made, which ingest does not do for a one-row chunk of a known layout",
      },
      { scenario: `B3 into the store (compaction) ${what}`, ours: { ...stored!, unit: "k msg/s" }, anchor: floor, target: { on: "ours", op: ">=", value: 150 } },
    ];
  },
};
