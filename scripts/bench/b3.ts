/** B3: 1 M tiny messages (1 point or 1 scalar each) over 10 k entities, decode-only. */
import { encodePacketStream } from "../../store/encoder.ts";
import { decodeAll } from "./decode.ts";
import { copyFrames, Parts } from "./frames.ts";
import { Gen } from "./gen.ts";
import { rates } from "./measure.ts";
import type { Scenario } from "./scenario.ts";

const SIZES = { tiny: { count: 5_000, entities: 1000 }, full: { count: 1_000_000, entities: 10_000 } };

export const b3: Scenario = {
  id: "B3",
  title: "1 M one-row messages (1 point or 1 scalar) over 10 k entities, decode-only (envelope + chunkFromIpc)",
  run: (size) => {
    const { count, entities } = SIZES[size];
    const parts = new Parts();
    for (const m of new Gen(3).tiny(count, entities)) parts.add(encodePacketStream(m));
    const list = parts.done();
    const [ours, anchor] = rates(count, [() => decodeAll(list), () => copyFrames(list)], 1000);
    return [{
      scenario: `B3 decode ${count / 1000} k tiny msgs, ${entities / 1000} k entities`,
      ours: { ...ours!, unit: "k msg/s" },
      anchor: { ...anchor!, unit: "k msg/s", name: "per-message floor (framing walk + memcpy)" },
      target: { on: "ours", op: ">=", value: 250 },
    }];
  },
};
