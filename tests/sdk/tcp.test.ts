/** The TCP sink against real sockets: wire format, lazy connect with back-off, reconnect after a server restart. */
import { describe, expect, spyOn, test } from "bun:test";
import { decodeRrd } from "../../store/decoder.ts";
import * as rr from "../../sdk/index.ts";
import { chunksOf } from "./decode.ts";
import { collect, rawSink } from "./server.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const kinds = (msgs: { kind: string }[]) => msgs.map((m) => m.kind);

describe("connectTcp", () => {
  test("handshake v1, then one uncompressed 0.22 RRD stream per packet, one message each, no end marker", async () => {
    const sink = await rawSink();
    const rec = rr.newRecording("wire", { recordingId: "wire-1" });
    rec.connectTcp(`127.0.0.1:${sink.port}`);
    rec.log("a", new rr.Scalar(1));
    await rec.flush();
    await sleep(50);
    const b = sink.bytes();
    expect([...b.subarray(0, 7)]).toEqual([1, 0, ...new TextEncoder().encode("rerun")]);
    const packets: Uint8Array[] = [];
    for (let at = 7; at < b.length; ) {
      const n = new DataView(b.buffer, b.byteOffset + at).getUint32(0, true);
      packets.push(b.subarray(at + 4, at + 4 + n));
      at += 4 + n;
    }
    expect(packets.length).toBe(3);
    for (const p of packets) {
      expect([...p.subarray(0, 12)]).toEqual([0x52, 0x52, 0x46, 0x32, 0, 22, 1, 0, 0, 1, 0, 0]);
      const v = new DataView(p.buffer, p.byteOffset);
      expect(v.getUint32(12, true)).toBe(p.length - 20); // compressed = uncompressed = the whole rest: one message
      expect(v.getUint32(16, true)).toBe(p.length - 20);
      expect(decodeRrd(p).length).toBe(1);
    }
    expect(kinds(packets.map((p) => decodeRrd(p)[0]!))).toEqual(["SetStoreInfo", "SetStoreInfo", "ArrowMsg"]);
    await rec.disconnect();
    await sink.close();
  });

  test("connects lazily and retries with back-off until a server appears; warns on the 3rd failure", async () => {
    const warn = spyOn(console, "warn").mockImplementation(() => {});
    try {
      const probe = await collect();
      const port = probe.port;
      await probe.server.close();
      const rec = rr.newRecording("late");
      rec.connectTcp(`127.0.0.1:${port}`);
      rec.log("early", new rr.TextLog("logged before any server"));
      await rec.flush({ blocking: false });
      await sleep(700);
      expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(expect.stringMatching(/^RerunWarning: Failed to send message after 3 attempts: Failed to connect to Rerun server at 127\.0\.0\.1:\d+: /));
      const server = await collect(port);
      const msgs = await server.until(3);
      expect(kinds(msgs)).toEqual(["SetStoreInfo", "SetStoreInfo", "ArrowMsg"]);
      await rec.disconnect();
      await server.server.close();
    } finally {
      warn.mockRestore();
    }
  });

  test("after the server restarts, the client reconnects and starts with a fresh SetStoreInfo", async () => {
    const first = await collect();
    const port = first.port;
    const rec = rr.newRecording("restart", { recordingId: "restart-1" });
    rec.connectTcp(`127.0.0.1:${port}`);
    rec.log("before", new rr.TextLog("to the first server"));
    await rec.flush();
    expect(kinds(await first.until(3))).toEqual(["SetStoreInfo", "SetStoreInfo", "ArrowMsg"]);
    await first.server.close();
    await sleep(50);
    rec.log("after", new rr.TextLog("to the second server"));
    await rec.flush({ blocking: false });
    await sleep(250);
    const second = await collect(port);
    const msgs = await second.until(2);
    expect(kinds(msgs)).toEqual(["SetStoreInfo", "ArrowMsg"]);
    const info = msgs[0]!.kind === "SetStoreInfo" ? msgs[0]!.info : null;
    expect(info?.storeId).toEqual({ kind: "Recording", id: "restart-1" });
    expect(second.hub.get({ kind: "Recording", id: "restart-1" })!.entityPaths()).toEqual(["/after"]);
    await rec.disconnect();
    await sleep(50);
    expect(second.closes).toEqual([null]);
    await second.server.close();
  });

  test("a synchronous logging loop longer than the 5 s connect timeout and the flush timeout loses nothing", async () => {
    const s = await collect();
    const rec = rr.newRecording("busy");
    rec.connectTcp(`127.0.0.1:${s.port}`, { flushTimeoutSec: 0.2 });
    const until = performance.now() + 5500;
    let n = 0;
    while (performance.now() < until) rec.log(`busy/${n++ % 10}`, new rr.Scalar(n));
    await rec.disconnect();
    const rows = () => chunksOf(s.msgs).reduce((k, c) => k + c.numRows, 0);
    for (let i = 0; i < 100 && rows() < n; i++) await sleep(50);
    expect(rows()).toBe(n);
    await s.server.close();
  }, 30_000);

  test("flush gives up after flushTimeoutSec without a server, with Rerun's warning", async () => {
    const warn = spyOn(console, "warn").mockImplementation(() => {});
    try {
      const probe = await collect();
      await probe.server.close();
      const rec = rr.newRecording("nobody");
      rec.connectTcp(`127.0.0.1:${probe.port}`, { flushTimeoutSec: 0.3 });
      rec.log("x", new rr.Scalar(1));
      const t = performance.now();
      await rec.flush();
      expect(performance.now() - t).toBeGreaterThan(250);
      expect(warn.mock.calls.map((c) => String(c[0]))).toContain("RerunWarning: Tried to flush while TCP stream was still Pending. Data was possibly dropped.");
      await rec.disconnect();
    } finally {
      warn.mockRestore();
    }
  });
});
