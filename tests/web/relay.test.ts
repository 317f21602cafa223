/** The 0.22 relay: history order, live fan-out, slow clients, and the store's memory limit. */
import { afterAll, describe, expect, test } from "bun:test";
import net from "node:net";
import { F32, fsl } from "../../store/arrow/make.ts";
import { batch, chunkBuilder } from "../../store/build.ts";
import { chunkMsg } from "../../store/chunk-msg.ts";
import { Hub } from "../../store/db/hub.ts";
import { decodeRrd } from "../../store/decoder.ts";
import type { BlueprintActivationCommand, LogMsg, StoreId } from "../../store/logmsg.ts";
import { chunkFromIpc } from "../../store/transport.ts";
import type { LogLevel } from "../../server/log.ts";
import { Relay } from "../../server/relay/relay.ts";
import { startRelayServer } from "../../server/relay/server.ts";
import { bun } from "../../server/runtime/bun.ts";
import { startWeb, type Web } from "../../server/web.ts";
import { fixture, POINTS_022 } from "../fixtures.ts";
import { decodeRelayFrame } from "./bincode.ts";
import { FakeSocket } from "./fake-socket.ts";
import { RelayListener, until } from "./harness.ts";
import { messages, POSITION, recording, smallRecording, storeInfo } from "./synth.ts";

const BLUEPRINT: StoreId = { kind: "Blueprint", id: "bp-1" };
const ACTIVATE: BlueprintActivationCommand = { kind: "BlueprintActivationCommand", blueprintId: BLUEPRINT, makeActive: true, makeDefault: true };
const rowsOf = (msgs: LogMsg[]) => msgs.flatMap((m) => (m.kind === "ArrowMsg" ? [chunkFromIpc(m.ipc)] : [])).reduce((n, c) => n + c.numRows, 0);
const webs: Web[] = [];
afterAll(() => Promise.all(webs.map((w) => w.close())));

/** A store holding the small recording and a blueprint, served in-process. */
async function served(hub: Hub): Promise<Web> {
  const web = await startWeb(hub, { bind: "127.0.0.1", webViewerPort: 0, wsServerPort: 0, serverMemoryLimit: 0 }, () => {});
  webs.push(web);
  return web;
}

/** A big Points3D row (n points) on the `noise` timeline. */
const noise = (i: number, n = 4000) => chunkBuilder("/noise").row({ noise: i }, [batch(POSITION, fsl(3, F32), Array.from({ length: n }, (_, k) => [i, k, 0]))]).build();

describe("history", () => {
  test("store infos, blueprint and activation first, then static, then temporal data; then live", async () => {
    const hub = new Hub();
    const small = messages(recording("small"), smallRecording());
    for (const m of small.slice(0, 6)) hub.add(m);
    for (const m of [storeInfo(BLUEPRINT, "bp"), chunkMsg(BLUEPRINT, chunkBuilder("/viewport").row({}, [batch(POSITION, fsl(3, F32), [[1, 2, 3]])]).build()), ACTIVATE]) hub.add(m);
    for (const m of small.slice(6)) hub.add(m);
    const web = await served(hub);
    const viewer = await RelayListener.connect(web.wsPort);
    const history = hub.stores().reduce((n, db) => n + (db.storeInfo ? 1 : 0) + [...db.chunks()].length + (db.activation ? 1 : 0), 0);
    await viewer.count(history);
    const kinds = viewer.msgs.map((m) => (m.kind === "ArrowMsg" ? `${m.storeId.kind}:${chunkFromIpc(m.ipc).timelines.length ? "temporal" : "static"}` : m.kind));
    expect(kinds.slice(0, 4)).toEqual(["SetStoreInfo", "SetStoreInfo", "Blueprint:static", "BlueprintActivationCommand"]);
    expect(kinds[4]).toBe("Recording:static");
    expect(kinds.slice(5).every((k) => k === "Recording:temporal")).toBe(true);
    expect(rowsOf(viewer.msgs)).toBe(rowsOf(small) + 1);

    const late = chunkBuilder("/plot/late").row({ frame: 1000 }, [batch(POSITION, fsl(3, F32), [[9, 9, 9]])]).build();
    hub.add(chunkMsg(recording("small"), late));
    await viewer.count(history + 1);
    expect(chunkFromIpc((viewer.msgs.at(-1) as { ipc: Uint8Array }).ipc).entityPath).toBe("/plot/late");
    viewer.close();
  });

  test("after the store's GC, a late viewer still gets every store info, blueprint and static chunk, and the latest data", async () => {
    const hub = new Hub({ memoryLimit: 300_000 });
    const fx = decodeRrd(fixture(POINTS_022));
    const id = (fx[0] as { info: { storeId: StoreId } }).info.storeId;
    const log: string[] = [];
    const web = await startWeb(hub, { bind: "127.0.0.1", webViewerPort: 0, wsServerPort: 0, serverMemoryLimit: 300_000 }, (_l: LogLevel, t) => log.push(t));
    webs.push(web);
    const early = await RelayListener.connect(web.wsPort);
    const text = chunkMsg(id, smallRecording().find((c) => c.entityPath === "/world/text")!);
    const all = [...fx, text, storeInfo(BLUEPRINT, "bp"), ACTIVATE, ...Array.from({ length: 40 }, (_, i) => chunkMsg(id, noise(i)))];
    for (const m of all) hub.add(m);
    expect(hub.bytes).toBeLessThan(1_000_000);
    expect(log.some((l) => l.startsWith("Memory limit (300000 B) exceeded."))).toBe(true);
    await early.count(all.length);
    expect(early.msgs.length).toBe(all.length);

    const late = await RelayListener.connect(web.wsPort);
    await until(() => late.msgs.length >= 3 + [...hub.get(id)!.chunks()].length, "the late viewer's history");
    const kinds = late.msgs.map((m) => m.kind);
    expect(kinds.slice(0, 3)).toEqual(["SetStoreInfo", "SetStoreInfo", "BlueprintActivationCommand"]); // the store keeps one info per store
    const chunks = late.msgs.flatMap((m) => (m.kind === "ArrowMsg" ? [chunkFromIpc(m.ipc)] : []));
    expect(chunks[0]!.entityPath).toBe("/world/text");
    expect(chunks.filter((c) => c.entityPath.startsWith("/env_")).reduce((n, c) => n + c.numRows, 0)).toBe(800);
    const noiseTimes = chunks.filter((c) => c.entityPath === "/noise").flatMap((c) => [...c.timelines[0]!.values]);
    expect(noiseTimes).toContain(39n);
    expect(noiseTimes).not.toContain(0n);
    early.close();
    late.close();
  });
});

describe("slow viewers", () => {
  test("on real sockets: a viewer that stops reading is dropped, the others and the store go on", async () => {
    const hub = new Hub();
    const warns: string[] = [];
    const relay = new Relay(hub, (level, text) => level === "warn" && warns.push(text), { highWaterBytes: 1 << 20, maxQueuedBytes: 8 << 20 });
    const server = await startRelayServer(bun, relay, "127.0.0.1", 0, () => {});
    const stalled = net.connect(server.port, "127.0.0.1");
    await new Promise((r) => stalled.once("connect", r));
    stalled.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    await new Promise((r) => stalled.once("data", r)); // 101 Switching Protocols
    stalled.pause(); // never reads again
    stalled.on("error", () => {});
    const reader = await RelayListener.connect(server.port);
    await until(() => relay.size === 2, "both viewers");
    const msgs = [storeInfo(recording("r")), ...Array.from({ length: 60 }, (_, i) => chunkMsg(recording("r"), noise(i, 80_000)))];
    for (const m of msgs) {
      hub.add(m);
      await Bun.sleep(1);
    }
    await reader.count(msgs.length, 30_000);
    expect(warns.length).toBe(1);
    expect(warns[0]).toMatch(/^Dropping slow web socket client 127\.0\.0\.1:\d+: more than 8388608 bytes waiting$/);
    expect(relay.size).toBe(1);
    expect(rowsOf(reader.msgs)).toBe(60);
    reader.close();
    stalled.destroy();
    await server.stop();
  }, 60_000);

  test("a viewer over its byte cap is dropped with a WARN; the others get everything", () => {
    const hub = new Hub();
    const warns: string[] = [];
    const relay = new Relay(hub, (level, text) => level === "warn" && warns.push(text), { highWaterBytes: 1 << 16, maxQueuedBytes: 1 << 20 });
    const fast = new FakeSocket(), slow = new FakeSocket();
    relay.connect("127.0.0.1:1", fast);
    const slowClient = relay.connect("127.0.0.1:2", slow);
    slow.backlog = 1 << 30;
    const msgs = [storeInfo(recording("r")), ...Array.from({ length: 40 }, (_, i) => chunkMsg(recording("r"), noise(i, 3000)))];
    for (const m of msgs) hub.add(m);
    expect(fast.sent.length).toBe(msgs.length);
    expect(fast.sent.map((f) => decodeRelayFrame(f as Uint8Array).kind)).toEqual(msgs.map((m) => m.kind));
    expect(slow.closed).toEqual({ code: 1008, reason: "too slow" });
    expect(slowClient.closed).toBe(true);
    expect(warns).toEqual([`Dropping slow web socket client 127.0.0.1:2: more than ${1 << 20} bytes waiting`]);
    expect(relay.size).toBe(1);
    relay.close();
  });

  test("viewers ready for a live message get the same frame; one still sending its history gets those bytes after it", () => {
    const hub = new Hub();
    for (const m of messages(recording("r"), smallRecording())) hub.add(m);
    const relay = new Relay(hub, () => {}, { highWaterBytes: 1 << 16, maxQueuedBytes: 1 << 30 });
    const a = new FakeSocket(), b = new FakeSocket(), c = new FakeSocket();
    relay.connect("127.0.0.1:4", a);
    b.backlog = 1 << 30;
    relay.connect("127.0.0.1:5", b);
    relay.connect("127.0.0.1:6", c);
    const history = a.sent.length;
    expect(b.sent.length).toBe(0);
    for (let i = 0; i < 3; i++) hub.add(chunkMsg(recording("r"), noise(200 + i, 10)));
    const live = a.sent.slice(history);
    expect(live.length).toBe(3);
    expect(c.sent.slice(history)).toEqual(live);
    for (let rounds = 0; b.sent.length < history + 3 && rounds < 1000; rounds++) b.drain();
    expect(b.sent).toEqual(a.sent);
    const times = live.map((f) => chunkFromIpc((decodeRelayFrame(f as Uint8Array) as { ipc: Uint8Array }).ipc).timelines[0]!.values[0]);
    expect(times).toEqual([200n, 201n, 202n]);
    relay.close();
  });

  test("a viewer that falls behind but drains gets every frame, in order, and its history before live frames", () => {
    const hub = new Hub();
    for (const m of messages(recording("r"), smallRecording())) hub.add(m);
    const relay = new Relay(hub, () => {}, { highWaterBytes: 1, maxQueuedBytes: 1 << 30 });
    const s = new FakeSocket();
    relay.connect("127.0.0.1:3", s);
    for (let i = 0; i < 5; i++) hub.add(chunkMsg(recording("r"), noise(100 + i, 10)));
    let rounds = 0;
    while (s.sent.length < 2 + [...hub.get(recording("r"))!.chunks()].length + 5 && rounds++ < 1000) {
      s.backlog = 1; // each send fills the tiny window
      s.drain();
    }
    const kinds = s.sent.map((f) => decodeRelayFrame(f as Uint8Array).kind);
    expect(kinds[0]).toBe("SetStoreInfo");
    const last5 = s.sent.slice(-5).map((f) => chunkFromIpc((decodeRelayFrame(f as Uint8Array) as { ipc: Uint8Array }).ipc));
    expect(last5.map((c) => c.timelines[0]!.values[0])).toEqual([100n, 101n, 102n, 103n, 104n]);
    relay.close();
  });
});
