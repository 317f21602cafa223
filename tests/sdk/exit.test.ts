/**
 * Nothing logged is lost at exit (rerun#1156): a script that logs one message and simply ends delivers
 * it, under Bun, under Node (bundled with `bun build --target=node`) and under Deno.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeRrd } from "../../store/decoder.ts";
import { END_MARKER } from "../../store/encoder.ts";
import { RerunProcess } from "../binary.ts";
import { denoPath } from "../deno.ts";
import { chunksOf } from "./decode.ts";
import { bundleForNode, ROOT, run, runBun, tempDir } from "./run.ts";
import { collect } from "./server.ts";

const SCRIPT = "tests/sdk/scripts/one-message.ts";
const TIMEOUT_MS = 60_000;

/** Runs the one-message script with `launch` against a fresh server; checks delivery, the store and the goodbye. */
async function delivers(launch: (addr: string, id: string) => Promise<{ code: number | null; stderr: string }>): Promise<void> {
  const s = await collect();
  const id = `one-${crypto.randomUUID()}`;
  const r = await launch(`127.0.0.1:${s.port}`, id);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const msgs = await s.until(3);
  expect(msgs.map((m) => m.kind)).toEqual(["SetStoreInfo", "SetStoreInfo", "ArrowMsg"]);
  const db = s.hub.get({ kind: "Recording", id })!;
  expect(db.info?.applicationId).toBe("rerun_example_one_message");
  expect(db.entityPaths()).toEqual(["/hello"]);
  const hits = db.latestAt("/hello", ["rerun.components.Text", "rerun.components.TextLogLevel"], "log_tick", 0);
  expect([...hits.keys()].sort()).toEqual(["rerun.components.Text", "rerun.components.TextLogLevel"]);
  await new Promise((r) => setTimeout(r, 50));
  expect(s.closes).toEqual([null]);
  await s.server.close();
}

describe("the one-message script", () => {
  test("under Bun it delivers its message to our server, into the store", () => delivers((addr, id) => runBun(SCRIPT, [addr, id])), TIMEOUT_MS);

  test("under Node (bundled) it delivers its message", async () => {
    const bundle = bundleForNode(join(ROOT, SCRIPT));
    await delivers((addr, id) => run("node", [bundle, addr, id]));
  }, TIMEOUT_MS);

  test("under Deno it delivers its message", () => delivers((addr, id) => run(denoPath(), ["run", "-A", SCRIPT, addr, id])), TIMEOUT_MS);

  test("to the compiled rerun binary with --save, the message lands in the file", async () => {
    const file = join(tempDir(), "one.rrd");
    const p = new RerunProcess(["--port", "0", "--save", file]);
    const port = await p.sdkPort();
    const r = await runBun(SCRIPT, [`127.0.0.1:${port}`, "one-binary"]);
    expect(r.code).toBe(0);
    await new Promise((res) => setTimeout(res, 300));
    p.kill("SIGTERM");
    expect((await p.exited).code).toBe(0);
    const chunks = chunksOf(decodeRrd(new Uint8Array(readFileSync(file))));
    expect(chunks.map((c) => c.entityPath)).toEqual(["/hello"]);
  }, TIMEOUT_MS);

  test("with no server it still exits, after the flush timeout, dropping with Rerun's warning", async () => {
    const s = await collect();
    await s.server.close();
    const r = await runBun(SCRIPT, [`127.0.0.1:${s.port}`, "nobody"]);
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(8000);
    expect(r.stderr).toContain("RerunWarning: Dropping messages because tcp client has timed out.");
  }, TIMEOUT_MS);

  test("process.exit() right after logging still writes every row and the end marker to a saved file", async () => {
    const file = join(tempDir(), "exit.rrd");
    const r = await runBun("tests/sdk/scripts/save-then-exit.ts", [file]);
    expect(r.code).toBe(0);
    const bytes = new Uint8Array(readFileSync(file));
    expect([...bytes.subarray(bytes.length - 8)]).toEqual([...END_MARKER]);
    expect([...bytes.subarray(8, 10)]).toEqual([1, 1]); // LZ4, MsgPack
    const [c] = chunksOf(decodeRrd(bytes));
    expect(c!.numRows).toBe(5);
  }, TIMEOUT_MS);
});
