import { expect, test } from "bun:test";
import net from "node:net";
import { encodePacketStream } from "../../store/encoder.ts";
import type { ArrowMsg, LogMsg } from "../../store/logmsg.ts";
import { peekPacket } from "../../store/peek.ts";
import { chunkFromIpc } from "../../store/transport.ts";
import { Gen } from "../../scripts/bench/gen.ts";
import { replay, TestClient } from "./client.ts";
import { type Recorder, record } from "./harness.ts";

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** Replays `msgs` to a recording server; checks that each arrived intact with 8-aligned IPC bytes. */
async function delivered(msgs: LogMsg[]): Promise<{ r: Recorder; got: ArrowMsg[] }> {
  const r = await record();
  const addr = await replay(r.port, msgs);
  expect(await r.closed(addr)).toBeNull();
  const got = r.msgs(addr) as ArrowMsg[];
  expect(got.length).toBe(msgs.length);
  got.forEach((m, i) => {
    expect(same(m.ipc, (msgs[i] as ArrowMsg).ipc)).toBe(true);
    expect(m.ipc.byteOffset % 8).toBe(0);
  });
  return { r, got };
}

test("the runtime hands every read a buffer of its own and never writes to it again (what adopting packets relies on)", async () => {
  const kept: Uint8Array[] = [], copies: Uint8Array[] = [];
  const server = net.createServer((s) => s.on("data", (b: Uint8Array) => (kept.push(b), copies.push(b.slice()))));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const c = await TestClient.connect((server.address() as net.AddressInfo).port);
  for (let i = 0; i < 40; i++) await c.write(new Uint8Array(300_000).fill(i));
  await c.end();
  await new Promise<void>((r) => server.close(() => r()));
  expect(kept.length).toBeGreaterThan(1);
  expect(new Set(kept.map((b) => b.buffer)).size).toBe(kept.length);
  kept.forEach((b, i) => expect(same(b, copies[i]!)).toBe(true));
});

test("large messages are kept as aligned views of their packet, intact after the packets that follow", async () => {
  const g = new Gen(5);
  const msgs: LogMsg[] = [g.msg(g.points("/big", 20_000)), g.msg(g.scalar("/small")), g.msg(g.points("/big", 30_001)), g.msg(g.points("/big", 9_000))];
  const { r, got } = await delivered(msgs);
  for (const m of got) expect(chunkFromIpc(m.ipc).numRows).toBe(1);
  // In place: the IPC bytes live in a buffer at most twice their packet, not in a copy of their own size.
  const packet = encodePacketStream(msgs[2]!).length;
  expect(got[2]!.ipc.buffer.byteLength).toBeGreaterThanOrEqual(packet);
  expect(got[2]!.ipc.buffer.byteLength).toBeLessThanOrEqual(2 * packet);
  expect(got[1]!.ipc.buffer.byteLength).toBeLessThan(packet);
  await r.server.close();
});

test("a packet joined from several reads is placed so that its IPC bytes are aligned where they lie (not moved again)", async () => {
  const g = new Gen(6);
  // Store ids of 8 lengths put the IPC bytes at every offset modulo 8; ~2 MB packets span several reads.
  const msgs: ArrowMsg[] = Array.from({ length: 8 }, (_, k) => ({ ...(g.msg(g.points("/p", 100_000)) as ArrowMsg), storeId: { kind: "Recording", id: "s".repeat(k + 1) } }));
  const packets = msgs.map(encodePacketStream);
  expect(new Set(packets.map((p) => peekPacket(p, p.length)!.ipcStart % 8)).size).toBe(8);
  const { r, got } = await delivered(msgs);
  // The IPC bytes end the packet, and the packet ends its buffer: moving them back would leave a gap.
  for (const m of got) expect(m.ipc.byteOffset + m.ipc.length).toBe(m.ipc.buffer.byteLength);
  await r.server.close();
});
