/**
 * The official Rerun 0.22 web viewer, embedded at `/rerun/` of the compiled binary's HTTP port and
 * reading its relay, in headless Chromium: the fixture replayed over TCP shows as when loading the
 * file directly, and a viewer opened after the store's GC still gets everything that is left.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { F32, fsl } from "../../store/arrow/make.ts";
import { batch, chunkBuilder } from "../../store/build.ts";
import { chunkMsg } from "../../store/chunk-msg.ts";
import { decodeRrd } from "../../store/decoder.ts";
import type { LogMsg, StoreId } from "../../store/logmsg.ts";
import { chunkFromIpc } from "../../store/transport.ts";
import { openRealViewer, type RealViewer, type ViewerSnapshot } from "../interop/viewer.ts";
import { fixture, POINTS_022 } from "../fixtures.ts";
import { replay } from "../tcp/client.ts";
import { RelayListener, Served, until } from "./harness.ts";
import { smallRecording, POSITION } from "./synth.ts";

const TIMEOUT_MS = 120_000;
const bytes = fixture(POINTS_022);
const input = decodeRrd(bytes);
const storeId = (input[0] as { info: { storeId: StoreId } }).info.storeId;
let viewer: RealViewer;
let direct: ViewerSnapshot;
const served: Served[] = [];

const ranges = (s: ViewerSnapshot) => ({ frame: s.timelines.frame, log_tick: s.timelines.log_tick });
const complete = (s: ViewerSnapshot) => s.timelines.frame?.max === 49 && s.timelines.log_tick?.max === 399;

beforeAll(async () => {
  viewer = await openRealViewer();
  direct = await viewer.load({ rrd: bytes }, { timelines: ["frame", "log_tick"] });
}, TIMEOUT_MS);

afterAll(async () => {
  await viewer?.close();
  await Promise.all(served.map((s) => s.stop()));
}, TIMEOUT_MS);

test(
  "the fixture replayed over TCP into --serve-web shows in the official viewer at /rerun/ as the file does",
  async () => {
    const s = await Served.start();
    served.push(s);
    await replay(s.sdkPort, input);
    const got = await viewer.loadPage(`${s.base}/rerun/`, { timelines: ["frame", "log_tick"], until: complete });
    expect(got.recordingId).toBe(direct.recordingId!);
    expect(got.recordingId).toBe(storeId.id);
    expect(ranges(got)).toEqual(ranges(direct));
    expect(ranges(got)).toEqual({ frame: { min: 0, max: 49 }, log_tick: { min: 0, max: 399 } });
    expect(got.sourceEvents.some((l) => l.includes(`Connection to ws://127.0.0.1:${s.wsPort} established`))).toBe(true);
    expect(got.consoleErrors).toEqual([]);
  },
  TIMEOUT_MS,
);

test(
  "a viewer that connects after a GC (small --server-memory-limit) receives the store infos, static data and everything kept",
  async () => {
    const s = await Served.start(["--server-memory-limit", "300kB"]);
    served.push(s);
    const noise = Array.from({ length: 40 }, (_, i) =>
      chunkMsg(storeId, chunkBuilder("/noise").row({ noise: i }, [batch(POSITION, fsl(3, F32), Array.from({ length: 2000 }, (_, k) => [i, k / 100, 0]))]).build()),
    );
    const text = chunkMsg(storeId, smallRecording().find((c) => c.entityPath === "/world/text")!);
    const all: LogMsg[] = [...input.slice(0, 2), text, ...input.slice(2), ...noise];
    const timelines = ["frame", "log_tick", "noise"];

    // The first viewer is there from the start and sees every message live.
    const early = viewer.loadPage(`${s.base}/rerun/`, { timelines, until: (x) => complete(x) && x.timelines.noise?.max === 39 });
    await until(async () => (await (await s.fetch("/healthz")).json()).relayClients === 1, "the first viewer on the relay", 30_000);
    await replay(s.sdkPort, all);
    const first = await early;
    expect(first.recordingId).toBe(storeId.id);
    expect(first.timelines.noise).toEqual({ min: 0, max: 39 });
    await s.proc.waitFor(/Memory limit \(300000 B\) exceeded\. Dropping old log messages from the server\./);

    const late = await viewer.loadPage(`${s.base}/rerun/`, { timelines, until: (x) => complete(x) && x.timelines.noise?.max === 39 });
    expect(late.recordingId).toBe(storeId.id);
    expect(ranges(late)).toEqual(ranges(direct));
    expect(late.timelines.noise!.min).toBeGreaterThan(0); // the oldest noise was dropped by the GC
    expect(late.consoleErrors).toEqual([]);

    const raw = await RelayListener.connect(s.wsPort);
    await until(() => raw.msgs.some((m) => m.kind === "ArrowMsg" && chunkFromIpc(m.ipc).entityPath === "/noise"), "the relay history");
    expect(raw.msgs[0]!.kind).toBe("SetStoreInfo");
    const chunks = raw.msgs.flatMap((m) => (m.kind === "ArrowMsg" ? [chunkFromIpc(m.ipc)] : []));
    expect(chunks[0]!.entityPath).toBe("/world/text");
    expect(chunks[0]!.timelines).toEqual([]);
    raw.close();
  },
  TIMEOUT_MS,
);
