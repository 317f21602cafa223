import { expect, test } from "bun:test";
import { RrdDecoder } from "../store/decoder.ts";
import { encodePacketStream, encodeRrd } from "../store/encoder.ts";
import type { ArrowMsg, LogMsg } from "../store/logmsg.ts";
import { chunkFromIpc } from "../store/transport.ts";
import { Gen } from "../scripts/bench/gen.ts";

function decode(parts: Uint8Array[], adopt: boolean): ArrowMsg[] {
  const out: ArrowMsg[] = [];
  const d = new RrdDecoder({ onMessage: (m: LogMsg) => m.kind === "ArrowMsg" && out.push(m), adopt });
  for (const p of parts) d.push(p);
  d.finish();
  return out;
}

const g = new Gen(11);
const msgs = [g.msg(g.points("/big", 5000)), g.msg(g.scalar("/small")), g.msg(g.points("/big", 7001))];
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

test("adopted packets: large chunks are decoded in place (aligned views of the pushed buffer), small ones copied", () => {
  const packets = msgs.map(encodePacketStream);
  const got = decode(packets.map((p) => p.slice()), true);
  expect(got.length).toBe(3);
  got.forEach((m, i) => {
    expect(same(m.ipc, msgs[i]!.ipc)).toBe(true);
    expect(m.ipc.byteOffset % 8).toBe(0);
    expect(chunkFromIpc(m.ipc).numRows).toBe(1);
  });
  expect(got[0]!.ipc.buffer.byteLength).toBe(packets[0]!.length);
  expect(got[1]!.ipc.buffer.byteLength).not.toBe(packets[1]!.length);
});

test("without adopt, the pushed buffers are left untouched", () => {
  const packets = msgs.map(encodePacketStream);
  const copies = packets.map((p) => p.slice());
  decode(copies, false);
  copies.forEach((c, i) => expect(same(c, packets[i]!)).toBe(true));
});

test("large LZ4 messages decode into their own buffers, valid after later messages", () => {
  const file = encodeRrd(msgs, "lz4");
  const got = decode([file.subarray(0, 1000), file.subarray(1000)], false);
  got.forEach((m, i) => expect(same(m.ipc, msgs[i]!.ipc)).toBe(true));
});
