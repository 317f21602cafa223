/** B6: `.rrd` write with LZ4 per message of a B1 + B3 mix, against lz4-napi (native lz4_flex) on the same bodies. */
import { compressSync } from "lz4-napi";
import { encodeLogMsg } from "../../store/envelope.ts";
import { encodeRrd } from "../../store/encoder.ts";
import { HEADER_SIZE } from "../../store/header.ts";
import type { LogMsg } from "../../store/logmsg.ts";
import { Gen } from "./gen.ts";
import { exact, rates } from "./measure.ts";
import type { Scenario } from "./scenario.ts";

const SIZES = {
  tiny: { big: 1, mid: 2, tiny: 2_000 },
  full: { big: 4, mid: 20, tiny: 100_000 },
};
const NAPI = "lz4-napi compressSync";

export const b6: Scenario = {
  id: "B6",
  title: "`.rrd` write (encodeRrd, LZ4 per message) of 1 M- and 100 k-point chunks plus tiny messages",
  run: (size) => {
    const s = SIZES[size], g = new Gen(6);
    const msgs: LogMsg[] = [];
    for (let i = 0; i < s.big; i++) msgs.push(g.msg(g.points("/world/lidar", 1_000_000)));
    for (let i = 0; i < s.mid; i++) msgs.push(g.msg(g.points("/world/depth", 100_000)));
    msgs.push(...g.tiny(s.tiny, 1000));
    const bodies = msgs.map((m) => encodeLogMsg(m)).map((b) => Buffer.from(b.buffer, b.byteOffset, b.length));
    const mb = bodies.reduce((n, b) => n + b.length, 0) / 1e6;
    // Frame headers and the stream header/end marker are not compression output; lz4-napi prepends a 4-byte size.
    const ours = (encodeRrd(msgs, "lz4").length - HEADER_SIZE - 8 - 8 * msgs.length) / 1e6;
    const theirs = bodies.reduce((n, b) => n + compressSync(b).length - 4, 0) / 1e6;
    const [oursRate, napiRate] = rates(mb, [() => encodeRrd(msgs, "lz4"), () => bodies.forEach((b) => compressSync(b))]);
    const scenario = `B6 write ${s.big} × 1 M + ${s.mid} × 100 k pts + ${s.tiny / 1000} k tiny (${mb.toFixed(0)} MB)`;
    return [
      {
        scenario,
        ours: { ...oursRate!, unit: "MB/s" },
        anchor: { ...napiRate!, unit: "MB/s", name: NAPI },
        target: { on: "ratio", op: ">=", value: 0.6 },
      },
      {
        scenario: `${scenario}: compressed size`,
        ours: { ...exact(ours), unit: "MB" },
        anchor: { ...exact(theirs), unit: "MB", name: NAPI },
        target: { on: "ratio", op: "<=", value: 1.03 },
      },
    ];
  },
};
