import { describe, expect, test } from "bun:test";
import { memoryUsage as jscMemory } from "bun:jsc";
import { OLD_CLIENT_WARNING, UNKNOWN_CLIENT } from "../../server/tcp/handshake.ts";
import { startSdkServer } from "../../server/tcp/server.ts";
import { decodeRrd } from "../../store/decoder.ts";
import { concat, encodePacketStream, encodeRrd } from "../../store/encoder.ts";
import type { LogMsg } from "../../store/logmsg.ts";
import { fixture, POINTS_022 } from "../fixtures.ts";
import { HANDSHAKE, replay, TestClient, u32 } from "./client.ts";
import { record } from "./harness.ts";

const expected = decodeRrd(fixture(POINTS_022));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const frameOf = (m: LogMsg) => (m.kind === "ArrowMsg" ? m.timepointMax.find((e) => e.timeline.name === "frame")!.value : null);
/** Messages per frame (null: not an ArrowMsg). */
const perFrame = (msgs: LogMsg[]) => {
  const n = new Map<bigint | null, number>();
  for (const m of msgs) n.set(frameOf(m), (n.get(frameOf(m)) ?? 0) + 1);
  return n;
};

describe("TCP SDK server", () => {
  test("replaying the 0.22.1 fixture delivers all 802 messages, equal to decoding the file", async () => {
    const r = await record();
    const c = await TestClient.connect(r.port);
    await c.handshake();
    await c.send(expected);
    await c.end();
    expect(await r.closed(c.addr)).toBeNull();
    expect(r.msgs(c.addr).length).toBe(802);
    expect(r.msgs(c.addr)).toEqual(expected);
    expect(c.received).toBe(0); // the server never writes
    const ipc = r.msgs(c.addr).find((m) => m.kind === "ArrowMsg")!;
    expect(ipc.kind === "ArrowMsg" && ipc.ipc.constructor).toBe(Uint8Array); // not a runtime's Buffer
    expect(r.logs).toEqual([
      ["info", `Hosting a SDK server over TCP at 127.0.0.1:${r.port}. Connect with the Rerun logging SDK.`],
      ["info", `New SDK client connected from: ${c.addr}`],
    ]);
    await r.server.close();
  });

  test("8 concurrent clients each get all their messages", async () => {
    const r = await record({ quiet: true });
    const addrs = await Promise.all(Array.from({ length: 8 }, () => replay(r.port, expected)));
    expect(new Set(addrs).size).toBe(8);
    for (const a of addrs) {
      expect(await r.closed(a)).toBeNull();
      expect(r.msgs(a)).toEqual(expected);
    }
    expect(r.texts("info")).toEqual([]);
    expect(r.texts("debug").filter((t) => t.startsWith("New SDK client connected from: ")).length).toBe(8);
    await r.server.close();
  });

  test("writes split anywhere: one byte stream cut into random pieces", async () => {
    const r = await record();
    const c = await TestClient.connect(r.port);
    const packets = expected.map(encodePacketStream).flatMap((p) => [u32(p.length), p]);
    const stream = concat([new Uint8Array([1, 0]), new TextEncoder().encode("rerun"), ...packets]);
    let seed = 7;
    for (let at = 0; at < stream.length;) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const n = 1 + (seed % 9000);
      c.socket.write(stream.subarray(at, at + n));
      at += n;
    }
    await c.end();
    expect(await r.closed(c.addr)).toBeNull();
    expect(r.msgs(c.addr)).toEqual(expected);
    await r.server.close();
  });

  test("bad clients get their documented outcome while good clients' data stays complete", async () => {
    const r = await record();
    const first = expected.slice(0, 3);
    const outcome = async (c: TestClient) => ({ addr: c.addr, error: await r.closed(c.addr), msgs: r.msgs(c.addr) });
    const scenarios = {
      wrongHeader: async () => {
        const c = await TestClient.connect(r.port);
        await c.handshake(1, "hello");
        return outcome(c);
      },
      v0: async () => {
        const addr = await replay(r.port, expected, 0);
        return { addr, error: await r.closed(addr), msgs: r.msgs(addr) };
      },
      newer: async () => {
        const c = await TestClient.connect(r.port);
        await c.handshake(2);
        return outcome(c);
      },
      garbage: async () => {
        const c = await TestClient.connect(r.port);
        await c.handshake();
        await c.send(first);
        await c.packet(new TextEncoder().encode("this is not an rrd stream at all"));
        return outcome(c);
      },
      cutBody: async () => {
        const c = await TestClient.connect(r.port);
        await c.handshake();
        await c.send(first);
        const p = encodePacketStream(expected[2]!);
        await c.packet(p.subarray(0, p.length - 10));
        return outcome(c);
      },
      huge: async () => {
        const c = await TestClient.connect(r.port);
        await c.handshake();
        await c.send(first);
        await c.write(u32(0xffffffff));
        return outcome(c);
      },
      emptyPacket: async () => {
        const c = await TestClient.connect(r.port);
        await c.handshake();
        await c.send(first);
        await c.write(u32(0)); // a zero-length packet, alone in its read: nothing after the length
        return outcome(c);
      },
      eofMidPacket: async () => {
        const c = await TestClient.connect(r.port);
        await c.handshake();
        await c.send(first);
        await c.write(u32(1000));
        await c.write(encodePacketStream(expected[3]!).subarray(0, 100));
        await c.end();
        return outcome(c);
      },
      eofInHandshake: async () => {
        const c = await TestClient.connect(r.port);
        await c.write(new Uint8Array([1, 0, 0x72]));
        await c.end();
        return outcome(c);
      },
      byteByByte: async () => {
        const c = await TestClient.connect(r.port);
        for (const b of HANDSHAKE) {
          await c.write(new Uint8Array([b]));
          await sleep(5);
        }
        await c.send(expected);
        await c.end();
        return outcome(c);
      },
    };
    const [good1, good2, ...bad] = await Promise.all([
      replay(r.port, expected),
      replay(r.port, expected),
      ...Object.values(scenarios).map((s) => s()),
    ]);
    const o = Object.fromEntries(Object.keys(scenarios).map((k, i) => [k, bad[i]!])) as Record<keyof typeof scenarios, Awaited<ReturnType<typeof scenarios.v0>>>;
    for (const a of [good1!, good2!] as string[]) {
      expect(await r.closed(a)).toBeNull();
      expect(r.msgs(a)).toEqual(expected);
    }
    const warns = r.texts("warn");
    const closing = (addr: string, err: string) => `Closing connection to client at ${addr}: ${err}`;

    expect(o.wrongHeader.error).toBe(UNKNOWN_CLIENT);
    expect(r.texts("debug")).toContain(`Rejected incoming connection from unknown client at ${o.wrongHeader.addr}: ${UNKNOWN_CLIENT}`);
    expect(r.texts("info")).not.toContain(`New SDK client connected from: ${o.wrongHeader.addr}`);

    expect(o.v0.error).toBeNull();
    expect(o.v0.msgs).toEqual(expected);
    expect(warns).toContain(OLD_CLIENT_WARNING);

    const newer = "SDK client is using a newer protocol version (2) than the SDK server (1)";
    expect(o.newer.error).toBe(newer);
    expect(r.texts("info")).toContain(`New SDK client connected from: ${o.newer.addr}`);
    expect(warns).toContain(closing(o.newer.addr, newer));

    for (const k of ["garbage", "cutBody", "emptyPacket"] as const) {
      expect(o[k].error).toBeString();
      expect(o[k].msgs).toEqual(first);
      expect(warns).toContain(closing(o[k].addr, o[k].error!));
    }
    expect(o.cutBody.error).toStartWith("Failed to read");

    const tooBig = "Packet of 4294967295 bytes is larger than the maximum packet size of 1073741824 bytes";
    expect(o.huge.error).toBe(tooBig);
    expect(o.huge.msgs).toEqual(first);
    expect(warns).toContain(closing(o.huge.addr, tooBig));

    expect(o.eofMidPacket.error).toBeNull();
    expect(o.eofMidPacket.msgs).toEqual(first);
    expect(o.eofInHandshake.error).toBeNull();
    expect(o.eofInHandshake.msgs).toEqual([]);
    expect(o.byteByByte.error).toBeNull();
    expect(o.byteByByte.msgs).toEqual(expected);

    const about = (c: { addr: string }) => r.logs.filter(([, t]) => t.includes(`at ${c.addr}:`));
    expect([...about(o.eofMidPacket), ...about(o.eofInHandshake), ...about(o.byteByByte)]).toEqual([]);
    await r.server.close();
  });

  test("a 4 GiB length prefix reserves nothing: only the bytes received are held", async () => {
    const r = await record({ maxPacketBytes: 2 ** 32 });
    const before = { ...process.memoryUsage(), commit: jscMemory().peakCommit };
    const c = await TestClient.connect(r.port);
    await c.handshake();
    await c.write(u32(0xffffffff));
    const chunk = new Uint8Array(1 << 16);
    for (let i = 0; i < 128; i++) await c.write(chunk); // 8 MiB of the 4 GiB
    await sleep(50);
    const after = { ...process.memoryUsage(), commit: jscMemory().peakCommit };
    await c.end();
    expect(await r.closed(c.addr)).toBeNull();
    expect(r.msgs(c.addr)).toEqual([]);
    const MiB = 2 ** 20;
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(256 * MiB);
    expect(after.rss - before.rss).toBeLessThan(256 * MiB);
    expect(after.commit - before.commit).toBeLessThan(256 * MiB);
    await r.server.close();
  });

  test("close() ends open connections as goodbyes", async () => {
    const r = await record();
    const c = await TestClient.connect(r.port);
    await c.handshake();
    await c.send(expected.slice(0, 2));
    await sleep(20);
    await r.server.close();
    await c.whenClosed();
    expect(await r.closed(c.addr)).toBeNull();
    expect(r.msgs(c.addr)).toEqual(expected.slice(0, 2));
  });

  test("binding a busy port fails with Rerun's message", async () => {
    const r = await record();
    const err = await startSdkServer({ bind: "127.0.0.1", port: r.port, log: () => {}, onMessages: () => {} }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toStartWith(`Failed to bind TCP address "127.0.0.1:${r.port}". Another Rerun instance is probably running. `);
    expect((err as Error).message).toContain("EADDRINUSE");
    expect((err as Error).message).not.toContain("\n");
    await r.server.close();
  });

  // Uncompressed packets are decided from their envelope; LZ4 ones are decoded and thinned message by message.
  for (const [how, encode] of [["decided from the envelope", encodePacketStream], ["LZ4, message by message", (m: LogMsg) => encodeRrd([m], "lz4")]] as const) {
    test(`over the latency limit, whole frames are dropped and store infos are kept (${how})`, async () => {
      const dropped: number[] = [];
      const r = await record({ maxLatencySec: 0.01, queueLatencySec: () => 1, onDropped: (bytes) => dropped.push(bytes) });
      const c = await TestClient.connect(r.port);
      await c.handshake();
      for (const m of expected) await c.packet(encode(m));
      await c.end();
      expect(await r.closed(c.addr)).toBeNull();
      const got = r.msgs(c.addr);
      expect(got.length).toBeLessThan(expected.length);
      // What was dropped is reported (the memory budget collects it): per packet here, or per thinned packet.
      if (how === "decided from the envelope") expect(dropped.length).toBe(expected.length - got.length);
      expect(dropped.every((b) => b > 0)).toBe(true);
      expect(dropped.length).toBeGreaterThan(0);
      expect(got.filter((m) => m.kind === "SetStoreInfo").length).toBe(2);
      const all = perFrame(expected);
      for (const [frame, n] of perFrame(got)) expect(n).toBe(all.get(frame)!);
      expect(r.texts("warn")).toEqual(["Input latency is over the max (0.01 s) - dropping packets."]);
      await r.server.close();
    });
  }

  test("over the limit, a malformed packet still closes the connection instead of being dropped unread", async () => {
    const r = await record({ maxLatencySec: 0.01, queueLatencySec: () => 1 });
    const c = await TestClient.connect(r.port);
    await c.handshake();
    await c.send(expected.slice(0, 50));
    const bad = concat([encodePacketStream(expected[10]!), new Uint8Array([0])]);
    const len = bad.length - 20;
    new DataView(bad.buffer).setUint32(12, len, true);
    new DataView(bad.buffer).setUint32(16, len, true);
    await c.packet(bad);
    expect(await r.closed(c.addr)).toStartWith("MsgPack error: 1 trailing bytes after the LogMsg");
    await r.server.close();
  });

  test("a recording sent twice on one connection to an idle server loses nothing", async () => {
    // The fixture's chunks were made over 4 s: counted as waiting, its second copy would be over 1 s late.
    // A limit of 1 s (not 20 ms) so that a busy machine's pause while receiving the first copy does not count.
    const r = await record({ maxLatencySec: 1 });
    const addr = await replay(r.port, [...expected, ...expected]);
    expect(await r.closed(addr)).toBeNull();
    expect(r.msgs(addr).length).toBe(2 * expected.length);
    expect(r.texts("warn")).toEqual([]);
    await r.server.close();
  });

  test("time spent before reaching us counts: a client whose queue grows makes whole frames drop", async () => {
    const r = await record({ maxLatencySec: 0.02 });
    const start = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
    // Made 1 ms apart, sent 2 ms apart (5 at a time): as if the client's queue grew by 1 ms per message.
    const aged = expected.map((m, i) => (m.kind === "ArrowMsg" ? { ...m, chunkId: { ...m.chunkId, timeNs: start + BigInt(i) * 1_000_000n } } : m));
    const c = await TestClient.connect(r.port);
    await c.handshake();
    for (let i = 0; i < aged.length; i += 5) {
      await c.send(aged.slice(i, i + 5));
      await sleep(10);
    }
    await c.end();
    const addr = c.addr;
    expect(await r.closed(addr)).toBeNull();
    const got = r.msgs(addr);
    expect(r.texts("warn")).toEqual(["Input latency is over the max (0.02 s) - dropping packets."]);
    expect(got.length).toBeLessThan(aged.length);
    expect(got.filter((m) => m.kind === "SetStoreInfo").length).toBe(2);
    // Frames are kept or dropped whole, except the one during which the law engaged.
    const all = perFrame(aged);
    const partial = [...perFrame(got)].filter(([frame, n]) => n !== all.get(frame));
    expect(partial.length).toBeLessThanOrEqual(1);
    await r.server.close();
  });

});
