import { expect, test } from "bun:test";
import { decodeRrd } from "../../store/decoder.ts";
import { concat, encodePacketStream, encodeRrd } from "../../store/encoder.ts";
import { PEEK_BYTES, peekPacket } from "../../store/peek.ts";
import { fixture, POINTS_022 } from "../fixtures.ts";

const msgs = decodeRrd(fixture(POINTS_022));
const arrows = msgs.filter((m) => m.kind === "ArrowMsg");

test("every ArrowMsg packet of the 0.22.1 fixture yields its envelope from its first bytes", () => {
  for (const m of arrows) {
    const packet = encodePacketStream(m);
    const { ipc, ...head } = m;
    const peeked = peekPacket(packet.subarray(0, PEEK_BYTES), packet.length)!;
    expect(peeked).toEqual({ ...head, ipcStart: packet.length - ipc.length });
    expect(packet.subarray(peeked.ipcStart, peeked.ipcStart + ipc.length)).toEqual(ipc);
  }
});

test("anything but one uncompressed MessagePack ArrowMsg is left to the decoder", () => {
  const m = arrows[0]!;
  const packet = encodePacketStream(m);
  const info = encodePacketStream(msgs.find((x) => x.kind === "SetStoreInfo")!);
  expect(peekPacket(info, info.length)).toBeNull();
  const lz4 = encodeRrd([m], "lz4");
  expect(peekPacket(lz4, lz4.length)).toBeNull();
  const lz4Flag = packet.slice();
  lz4Flag[8] = 1; // the same bytes said to be LZ4
  expect(peekPacket(lz4Flag, lz4Flag.length)).toBeNull();
  const trailing = concat([packet, new Uint8Array([0])]); // the IPC bytes do not end the body
  new DataView(trailing.buffer).setUint32(12, packet.length - 19, true);
  new DataView(trailing.buffer).setUint32(16, packet.length - 19, true);
  expect(peekPacket(trailing.subarray(0, PEEK_BYTES), trailing.length)).toBeNull();
  const two = concat([packet, packet.subarray(12)]);
  expect(peekPacket(two, two.length)).toBeNull();
  for (const n of [0, 11, 19, 20, 40]) expect(peekPacket(packet.subarray(0, n), packet.length)).toBeNull();
  const garbage = packet.slice(0, 64).fill(0xc1, 20);
  expect(peekPacket(garbage, packet.length)).toBeNull();
});
