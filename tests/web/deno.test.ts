/** `rerun --serve-web` runs from source under Deno too (Deno.serve + hono/deno): HTTP API, live WebSocket, relay, SIGTERM. */
import { expect, test } from "bun:test";
import { join } from "node:path";
import { chunkFromIpc } from "../../store/transport.ts";
import { splitFrames } from "../../server/http/frames.ts";
import { RerunProcess } from "../binary.ts";
import { denoPath } from "../deno.ts";
import { replay } from "../tcp/client.ts";
import { RelayListener, Served, until } from "./harness.ts";
import { messages, recording, smallRecording } from "./synth.ts";

const ROOT = join(import.meta.dir, "../..");

test(
  "rerun --serve-web from source under Deno: API, live updates, relay, clean SIGTERM",
  async () => {
    const deno = denoPath();
    const proc = new RerunProcess(
      ["--serve-web", "--bind", "127.0.0.1", "--port", "0", "--web-viewer-port", "0", "--ws-server-port", "0"],
      {},
      [deno, "run", "-A", "--quiet", join(ROOT, "main.ts")],
    );
    const s = await Served.of(proc);
    const live = new WebSocket(`ws://127.0.0.1:${s.httpPort}/api/live`);
    const frames: unknown[] = [];
    live.onmessage = (e) => frames.push(JSON.parse(e.data as string));
    await until(() => frames.length === 1, "the first live frame");

    const msgs = messages(recording("deno"), smallRecording());
    await replay(s.sdkPort, msgs);
    await until(async () => (await (await s.fetch("/api/recordings")).json())[0]?.rows === 105, "the recording in the store");
    expect(await (await s.fetch("/healthz")).json()).toMatchObject({ ok: true, recordings: 1, assets: "disk" });
    const latest = splitFrames(new Uint8Array(await (await s.fetch("/api/recordings/deno/latest-at?timeline=frame&time=25")).arrayBuffer())).map(chunkFromIpc);
    expect(latest.map((c) => c.entityPath)).toEqual(["/plot/sine", "/world/points", "/world/text"]);
    await until(() => frames.length > 1, "live events");
    expect(frames.slice(1).flat()).toContainEqual({ type: "data", recording: "deno" });

    const relay = await RelayListener.connect(s.wsPort);
    const rows = () => relay.msgs.reduce((n, m) => n + (m.kind === "ArrowMsg" ? chunkFromIpc(m.ipc).numRows : 0), 0);
    await until(() => rows() === 105, "every row from the relay");
    expect(relay.msgs[0]!.kind).toBe("SetStoreInfo");
    relay.close();
    live.close();

    expect((await s.fetch("/rerun/")).status).toBe(200);
    const { code } = await s.stop();
    expect(code).toBe(0);
    expect(proc.stderr).toContain("Shutting down Rerun server on ws://127.0.0.1:");
  },
  180_000,
);
