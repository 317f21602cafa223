/** `rerun --serve-web` and `--web-viewer` on the compiled binary: ports, URLs, assets, health, signals, bad input. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeRrd } from "../../store/decoder.ts";
import { Hub } from "../../store/db/hub.ts";
import { reachableHosts } from "../../server/addresses.ts";
import { entitySummaries, recordingSummary } from "../../server/http/summary.ts";
import { RerunProcess, runRerun } from "../binary.ts";
import { FIXTURE_DIR, fixture, POINTS_022 } from "../fixtures.ts";
import { replay } from "../tcp/client.ts";
import { freePort } from "../ports.ts";
import { rawGet, Served, until } from "./harness.ts";

const FIXTURE_ID = "edb16cf9-0956-4d91-83b9-1e28a8f4c9dd";
const tmp = mkdtempSync(join(tmpdir(), "rerun-web-"));
const input = decodeRrd(fixture(POINTS_022));
let s: Served;

beforeAll(async () => {
  s = await Served.start();
  await replay(s.sdkPort, input);
  await until(async () => (await (await s.fetch("/api/recordings")).json())[0]?.rows === 800, "the fixture in the store");
}, 120_000);

afterAll(async () => {
  await s?.stop();
});

describe("rerun --serve-web", () => {
  test("prints every URL: the viewer, the official viewer, the relay; all ports 0 = free ports", () => {
    const err = s.proc.stderr;
    expect(err).toContain(`rerun: web viewer on http://127.0.0.1:${s.httpPort}/`);
    expect(err).toContain(`rerun: Rerun 0.22 web viewer on http://127.0.0.1:${s.httpPort}/rerun/`);
    expect(err).toContain(`Hosting a WebSocket server on ws://127.0.0.1:${s.wsPort}.`);
    expect(new Set([s.sdkPort, s.httpPort, s.wsPort]).size).toBe(3);
    expect(s.proc.stdout).toBe("");
  });

  test("the API answers what the store holds for the fixture replayed over TCP", async () => {
    const hub = new Hub();
    for (const m of input) hub.add(m);
    const db = hub.get({ kind: "Recording", id: FIXTURE_ID })!;
    const [rec] = await (await s.fetch("/api/recordings")).json();
    const { sizeBytes: _, ...expected } = recordingSummary(db); // compaction depends on arrival batches
    expect(rec).toMatchObject(expected);
    expect((await (await s.fetch(`/api/recordings/${FIXTURE_ID}/entities`)).json()).entities).toEqual(JSON.parse(JSON.stringify(entitySummaries(db))));
  });

  test("/healthz: ok, one recording, its bytes, embedded assets", async () => {
    const h = await (await s.fetch("/healthz")).json();
    expect(h).toMatchObject({ ok: true, recordings: 1, assets: "embedded" });
    expect(h.bytes).toBeGreaterThan(0);
  });

  test("one port serves our viewer, the API, the live WebSocket and the official viewer", async () => {
    const page = await s.fetch("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const script = /<script[^>]+src="([^"]+)"/.exec(await page.text())?.[1];
    if (script) expect((await s.fetch(`/${script}`)).headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    else expect(await (await s.fetch("/")).text()).toContain('href="rerun/"'); // the placeholder of an unbuilt viewer
    const live = new WebSocket(`ws://127.0.0.1:${s.httpPort}/api/live`);
    const first = await new Promise<string>((resolve) => (live.onmessage = (e) => resolve(e.data as string)));
    expect(JSON.parse(first)[0]).toEqual({ type: "recordings" });
    live.close();
    const rerun = await (await s.fetch("/rerun/")).text();
    expect(rerun).toContain(`location.hostname + ":${s.wsPort}"`);
    expect(rerun).not.toContain("localhost");
    expect(rerun).toContain('render_backend: "webgl"');
    expect(rerun).toContain("hide_welcome_screen: true");
  });

  test("the official viewer's files: wasm as application/wasm, gzip when accepted, re_viewer without extension, ETag and 304", async () => {
    const wasm = await s.fetch("/rerun/re_viewer_bg.wasm", { headers: { "accept-encoding": "gzip" }, decompress: false } as RequestInit);
    expect(wasm.headers.get("content-type")).toBe("application/wasm");
    expect(wasm.headers.get("content-encoding")).toBe("gzip");
    expect(wasm.headers.get("cache-control")).toBe("no-cache");
    const etag = wasm.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    await wasm.arrayBuffer();
    const plain = await s.fetch("/rerun/re_viewer_bg.wasm", { headers: { "accept-encoding": "identity" } });
    const bytes = new Uint8Array(await plain.arrayBuffer());
    expect(bytes).toEqual(new Uint8Array(readFileSync(join(import.meta.dir, "../../node_modules/@rerun-io/web-viewer/re_viewer_bg.wasm"))));
    const again = await s.fetch("/rerun/re_viewer_bg.wasm", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    const js = await s.fetch("/rerun/re_viewer");
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await js.text()).toContain("wasm");
  });

  test("no path traversal, whatever the encoding", async () => {
    for (const path of ["/../../etc/passwd", "/..%2f..%2fetc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/rerun/..%2f..%2fpackage.json", "/rerun/%2e%2e%2fpackage.json", "/..\\..\\etc\\passwd", "/%00", "/%zz"]) {
      const r = await rawGet(s.httpPort, path);
      expect([400, 404]).toContain(r.status);
      expect(r.body).not.toContain("root:");
      expect(r.body).not.toContain("rerun-ts");
      expect(JSON.parse(r.body).error).toBeTruthy();
    }
    expect((await rawGet(s.httpPort, "/healthz")).status).toBe(200);
  });

  test("garbage on the relay port and unknown routes get JSON errors; the servers keep serving", async () => {
    const r = await fetch(`http://127.0.0.1:${s.wsPort}/`);
    expect(r.status).toBe(426);
    expect((await r.json()).error).toContain("relay");
    const garbage = net.connect(s.httpPort, "127.0.0.1");
    await new Promise((res) => garbage.once("connect", res));
    garbage.write("\x00\x01\x02 not http at all\r\n\r\n");
    await Promise.race([new Promise((res) => garbage.once("data", res)), Bun.sleep(300)]);
    garbage.destroy();
    expect((await s.fetch("/nope.js")).status).toBe(404);
    expect((await (await s.fetch("/healthz")).json()).ok).toBe(true);
  });
});

describe("ports and roles", () => {
  test("a busy --web-viewer-port or --ws-server-port is one line naming the port and its flag, exit 1", async () => {
    for (const flag of ["--web-viewer-port", "--ws-server-port"]) {
      const port = await freePort();
      const occupant = net.createServer();
      await new Promise<void>((r) => occupant.listen(port, "127.0.0.1", () => r()));
      const other = flag === "--web-viewer-port" ? "--ws-server-port" : "--web-viewer-port";
      const r = await runRerun(["--serve-web", "--bind", "127.0.0.1", "--port", "0", other, "0", flag, String(port)]);
      occupant.close();
      expect(r.code).toBe(1);
      const last = r.stderr.trim().split("\n").at(-1)!;
      expect(last).toMatch(new RegExp(`^error: Failed to bind to (web viewer|WebSocket) port ${port} since the address is already in use\\. Use ${flag} 0 to let the OS choose a free port\\.$`));
    }
  });

  test("SIGTERM stops cleanly and finishes --save", async () => {
    const out = join(tmp, "served.rrd");
    const p = await Served.start(["--save", out]);
    await replay(p.sdkPort, input.slice(0, 100));
    await until(async () => (await (await p.fetch("/api/recordings")).json()).length === 1, "the data");
    const { code } = await p.stop();
    expect(code).toBe(0);
    expect(p.proc.stderr).toContain(`File saved to ${out}`);
    expect(p.proc.stderr).toMatch(/Shutting down Rerun server on ws:\/\/127\.0\.0\.1:\d+ after serving 0 client\(s\)/);
    expect(decodeRrd(new Uint8Array(readFileSync(out))).length).toBe(100);
  });

  test("rerun --serve-web FILE serves the file; env vars set the ports", async () => {
    const [http, ws] = [await freePort(), await freePort()];
    const env = { RERUN_WEB_VIEWER_PORT: String(http), RERUN_WS_SERVER_PORT: String(ws), RERUN_BIND: "127.0.0.1", RERUN_PORT: "0" };
    const p = await Served.of(new RerunProcess(["--serve", FIXTURE_DIR + POINTS_022], env));
    expect([p.httpPort, p.wsPort]).toEqual([http, ws]);
    await until(async () => (await (await p.fetch("/api/recordings")).json())[0]?.rows === 800, "the file in the store");
    await p.stop();
  });

  test("--web-viewer without a display prints the URL; with one it runs the platform's opener", async () => {
    const env = { DISPLAY: "", WAYLAND_DISPLAY: "" };
    const args = ["--web-viewer", "--bind", "127.0.0.1", "--port", "0", "--web-viewer-port", "0", "--ws-server-port", "0"];
    const headless = new RerunProcess(args, env);
    const url = (await headless.waitFor(/no display to open a browser on; open (http:\/\/127\.0\.0\.1:\d+\/) in a browser/))[1];
    headless.kill();
    await headless.exited;

    const bin = mkdtempSync(join(tmpdir(), "rerun-opener-"));
    const opened = join(bin, "opened.txt");
    writeFileSync(join(bin, "xdg-open"), `#!/bin/sh\necho "$1" > ${opened}\n`);
    chmodSync(join(bin, "xdg-open"), 0o755);
    const withDisplay = new RerunProcess(args, { DISPLAY: ":99", PATH: `${bin}:${process.env.PATH}` });
    const shown = (await withDisplay.waitFor(/rerun: opening (http:\/\/127\.0\.0\.1:\d+\/) in your browser/))[1];
    await until(() => {
      try {
        return readFileSync(opened, "utf8").trim() === shown;
      } catch {
        return false;
      }
    }, "xdg-open to be run");
    withDisplay.kill();
    await withDisplay.exited;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test("bound to 0.0.0.0, every LAN address of this machine is printed", async () => {
    const p = await Served.of(new RerunProcess(["--serve-web", "--port", "0", "--web-viewer-port", "0", "--ws-server-port", "0"]));
    for (const host of reachableHosts("0.0.0.0")) expect(p.proc.stderr).toContain(`http://${host}:${p.httpPort}/`);
    expect((await (await fetch(`http://127.0.0.1:${p.httpPort}/healthz`)).json()).ok).toBe(true);
    await p.stop();
  });

  test("a bad --server-memory-limit is a usage error", async () => {
    const r = await runRerun(["--serve-web", "--server-memory-limit", "lots"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`error: Bad --server-memory-limit: expected e.g. '16GB', got "lots"`);
  });
});
