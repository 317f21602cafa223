import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeRrd, RrdDecoder } from "../store/decoder.ts";
import { encodeRrd } from "../store/encoder.ts";
import type { LogMsg } from "../store/logmsg.ts";
import { RerunProcess, runRerun } from "./binary.ts";
import { FIXTURE_DIR, fixture, POINTS_022 } from "./fixtures.ts";
import { freePort } from "./ports.ts";
import { replay, TestClient } from "./tcp/client.ts";

const tmp = mkdtempSync(join(tmpdir(), "rerun-roles-"));
const input = decodeRrd(fixture(POINTS_022), () => {});
const withoutVersion = (msgs: LogMsg[]) => msgs.map((m) => (m.kind === "SetStoreInfo" ? { ...m, info: { ...m.info, storeVersion: undefined } } : m));

  /** The messages a (possibly unfinished) file holds: every complete one, none made up. */
const complete = (path: string): LogMsg[] => {
  const got: LogMsg[] = [];
  const d = new RrdDecoder({ onMessage: (m) => got.push(m) });
  try {
    d.push(new Uint8Array(readFileSync(path)));
  } catch {
    // a frame cut by the kill: what came before it is what counts
  }
  return got;
};

describe("--save", () => {
  test("everything received over TCP is saved; SIGTERM finishes the file", async () => {
    const out = join(tmp, "saved.rrd");
    const p = new RerunProcess(["--port", "0", "--save", out]);
    await replay(await p.sdkPort(), input);
    await p.waitFor(/saving everything received/);
    await new Promise((r) => setTimeout(r, 300));
    p.kill("SIGTERM");
    expect((await p.exited).code).toBe(0);
    expect(p.stderr).toContain(`File saved to ${out}`);
    const bytes = new Uint8Array(readFileSync(out));
    expect([...bytes.subarray(bytes.length - 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(withoutVersion(decodeRrd(bytes))).toEqual(withoutVersion(input));
    expect((await runRerun(["rrd", "compare", FIXTURE_DIR + POINTS_022, out])).code).toBe(0);
  });

  test("SIGTERM right after a still-connected SDK sent a lot: everything it sent is saved", async () => {
    const out = join(tmp, "drained.rrd");
    const p = new RerunProcess(["--port", "0", "--save", out]);
    const client = await TestClient.connect(await p.sdkPort());
    await client.handshake();
    const many = Array.from({ length: 8 }, () => input).flat();
    await client.send(many);
    p.kill("SIGTERM");
    expect((await p.exited).code).toBe(0);
    expect(decodeRrd(new Uint8Array(readFileSync(out))).length).toBe(many.length);
    await client.end();
  });

  test("files and stdin are saved too; SIGINT also finishes the file", async () => {
    const out = join(tmp, "stdin.rrd");
    const p = new RerunProcess(["--port", "0", "--save", out, "-"]);
    p.input(encodeRrd(input.slice(0, 100)));
    await p.sdkPort();
    for (let i = 0; i < 200 && complete(out).length < 100; i++) await new Promise((r) => setTimeout(r, 25));
    p.kill("SIGINT");
    expect((await p.exited).code).toBe(0);
    expect(decodeRrd(new Uint8Array(readFileSync(out))).length).toBe(100);
  });

  test("a writer killed with SIGKILL leaves a file from which every complete message loads", async () => {
    const out = join(tmp, "killed.rrd");
    const p = new RerunProcess(["--port", "0", "--save", out]);
    await replay(await p.sdkPort(), input);
    for (let i = 0; i < 200 && complete(out).length < input.length; i++) await new Promise((r) => setTimeout(r, 50));
    p.kill("SIGKILL");
    await p.exited;
    expect(withoutVersion(complete(out))).toEqual(withoutVersion(input));
  });

  test("killed with SIGKILL while data streams in, the file holds a clean prefix of what was sent", async () => {
    const out = join(tmp, "killed-mid.rrd");
    const p = new RerunProcess(["--port", "0", "--save", out]);
    const sending = replay(await p.sdkPort(), [...input, ...input, ...input]).catch(() => {});
    for (let i = 0; i < 200 && complete(out).length < 100; i++) await new Promise((r) => setTimeout(r, 10));
    p.kill("SIGKILL");
    await p.exited;
    await sending;
    const got = complete(out);
    expect(got.length).toBeGreaterThan(0);
    expect(withoutVersion(got)).toEqual(withoutVersion([...input, ...input, ...input].slice(0, got.length)));
  });
});

describe("one rerun per port", () => {
  test("a second rerun forwards its file to the first and exits 0", async () => {
    const port = await freePort();
    const out = join(tmp, "forwarded.rrd");
    const first = new RerunProcess(["--port", String(port), "--save", out]);
    await first.sdkPort();
    const second = await runRerun(["--port", String(port), FIXTURE_DIR + POINTS_022]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`already running on port ${port}`);
    await new Promise((r) => setTimeout(r, 500));
    first.kill("SIGTERM");
    await first.exited;
    expect(withoutVersion(decodeRrd(new Uint8Array(readFileSync(out))))).toEqual(withoutVersion(input));
  });

  test("with no files, the second says a server is running and exits 0", async () => {
    const port = await freePort();
    const first = new RerunProcess(["--port", String(port), "--save", join(tmp, "idle.rrd")]);
    await first.sdkPort();
    const second = await runRerun(["--port", String(port)]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("already running");
    first.kill();
    await first.exited;
  });

  test("a port taken on the bind address is a clear error, exit 1", async () => {
    const port = await freePort();
    const occupant = net.createServer();
    await new Promise<void>((r) => occupant.listen(port, "127.0.0.2", () => r()));
    const r = await runRerun(["--bind", "127.0.0.2", "--port", String(port), "--test-receive"]);
    occupant.close();
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(new RegExp(`^error: Failed to bind TCP address "127\\.0\\.0\\.2:${port}"\\. Another Rerun instance is probably running\\. .+$`));
  });
});

describe("--test-receive", () => {
  test("exits 0 once a client sent data and said goodbye", async () => {
    const p = new RerunProcess(["--port", "0", "--test-receive"]);
    await replay(await p.sdkPort(), input.slice(0, 50));
    expect((await p.exited).code).toBe(0);
  });

  test("reads an http(s) URL", async () => {
    const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response(fixture(POINTS_022).slice()) });
    const out = join(tmp, "from-url.rrd");
    const r = await runRerun(["--port", "0", "--test-receive", "--save", out, `http://127.0.0.1:${server.port}/x.rrd`]);
    server.stop(true);
    expect(r.code).toBe(0);
    expect(decodeRrd(new Uint8Array(readFileSync(out))).length).toBe(input.length);
  });

  test("exits 0 after reading a file", async () => {
    const r = await runRerun(["--port", "0", "--test-receive", FIXTURE_DIR + POINTS_022]);
    expect(r.code).toBe(0);
  });

  test("fails after 12 s when nothing arrives", async () => {
    const start = Date.now();
    const r = await runRerun(["--port", "0", "--test-receive"]);
    expect(r.code).toBe(1);
    expect(Date.now() - start).toBeGreaterThanOrEqual(11_500);
    expect(r.stderr).toContain("No data received within 12 s");
  }, 20_000);
});

describe("flags", () => {
  test("accepts exactly what Python's rr.spawn() passes", async () => {
    const p = new RerunProcess(["--port=0", "--memory-limit=75%", "--expect-data-soon", "--hide-welcome-screen", "--test-receive"]);
    await replay(await p.sdkPort(), input.slice(0, 3));
    expect((await p.exited).code).toBe(0);
  });

  test("a bad --drop-at-latency is a usage error (exit 2), not a crash", async () => {
    const r = await runRerun(["--drop-at-latency", "5x"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`error: --drop-at-latency: Expected a suffix of 'ms', 's', 'm' or 'h' in string "5x"`);
    const p = await runRerun(["--port", "99999"]);
    expect(p.code).toBe(2);
  });
});
