/** save, stdout, binaryStream, disconnect (with the memory backlog) and spawn. */
import { describe, expect, spyOn, test } from "bun:test";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodeRrd } from "../../store/decoder.ts";
import { END_MARKER } from "../../store/encoder.ts";
import * as rr from "../../sdk/index.ts";
import { runRerun } from "../binary.ts";
import { freePort } from "../ports.ts";
import { chunksOf } from "./decode.ts";
import { BUN, ROOT, runBun, tempDir } from "./run.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tail = (b: Uint8Array) => [...b.subarray(b.length - 8)];

describe("file and stream sinks", () => {
  test("save(): LZ4 .rrd with the end marker after disconnect(); rows logged before it was set come along", async () => {
    const file = join(tempDir(), "saved.rrd");
    const rec = rr.newRecording("saver", { recordingId: "save-1" });
    rec.log("early", new rr.Scalar(1));
    rec.save(file);
    rec.log("late", new rr.Scalar(2));
    await rec.disconnect();
    const bytes = new Uint8Array(readFileSync(file));
    expect([...bytes.subarray(8, 10)]).toEqual([1, 1]);
    expect(tail(bytes)).toEqual([...END_MARKER]);
    const msgs = decodeRrd(bytes);
    expect(msgs.map((m) => m.kind)).toEqual(["SetStoreInfo", "SetStoreInfo", "ArrowMsg", "ArrowMsg"]);
    expect(chunksOf(msgs).map((c) => c.entityPath)).toEqual(["/early", "/late"]);
  });

  test("after disconnect() rows wait in memory for the next sink, which gets a fresh SetStoreInfo first", async () => {
    const rec = rr.newRecording("again");
    const first = rec.binaryStream();
    rec.log("a", new rr.Scalar(1));
    await rec.disconnect();
    const firstBytes = first.read()!;
    expect(tail(firstBytes)).toEqual([...END_MARKER]);
    expect(first.read()).toBeNull();
    rec.log("b", new rr.Scalar(2));
    const second = rec.binaryStream();
    const msgs = decodeRrd(second.read()!);
    expect(msgs.map((m) => m.kind)).toEqual(["SetStoreInfo", "ArrowMsg"]);
    expect(chunksOf(msgs)[0]!.entityPath).toBe("/b");
  });

  test("stdout(): an example's output pipes into `rerun rrd print` (as into `rerun -`)", async () => {
    const r = await runBun("sdk/examples/text-document.ts", ["--stdout"]);
    expect(r.code).toBe(0);
    expect(tail(r.stdout)).toEqual([...END_MARKER]);
    expect(chunksOf(decodeRrd(r.stdout)).map((c) => c.entityPath)).toEqual(["/readme", "/notes"]);
    const printed = await runRerun(["rrd", "print"], r.stdout);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain(`"/notes"`);
  }, 60_000);
});

describe("spawn", () => {
  test("starts $RERUN_BIN with Python's flags, waits for it, connects; a second spawn reuses it", async () => {
    const dir = tempDir();
    const fake = join(dir, "rerun");
    writeFileSync(fake, `#!/bin/sh\necho "$@" >> ${dir}/args\necho $$ > ${dir}/pid\necho "$RERUN_APP_ONLY" > ${dir}/env\nexec ${BUN} ${ROOT}/main.ts "$@" --save ${dir}/out.rrd\n`);
    chmodSync(fake, 0o755);
    const port = await freePort();
    process.env.RERUN_BIN = fake;
    try {
      const rec = rr.newRecording("spawned", { recordingId: "spawn-1" });
      await rec.spawn({ port, memoryLimit: "1GB", hideWelcomeScreen: true });
      rec.log("x", new rr.Scalar(1));
      await rec.flush();
      const again = rr.newRecording("spawned", { recordingId: "spawn-1" });
      await again.spawn({ port });
      again.log("y", new rr.Scalar(2));
      await again.flush();
      await rec.disconnect();
      await again.disconnect();
      await sleep(300);
      expect(readFileSync(join(dir, "args"), "utf8")).toBe(`--port=${port} --memory-limit=1GB --expect-data-soon --hide-welcome-screen\n`);
      expect(readFileSync(join(dir, "env"), "utf8")).toBe("true\n");
    } finally {
      delete process.env.RERUN_BIN;
      const pid = Number(readFileSync(join(dir, "pid"), "utf8"));
      if (pid > 0) process.kill(pid, "SIGINT");
    }
    await sleep(500);
    const chunks = chunksOf(decodeRrd(new Uint8Array(readFileSync(join(dir, "out.rrd")))));
    expect(chunks.map((c) => c.entityPath).sort()).toEqual(["/x", "/y"]);
  }, 60_000);

  test("a missing viewer executable is reported, not thrown (outside strict mode)", async () => {
    const warn = spyOn(console, "warn").mockImplementation(() => {});
    process.env.RERUN_BIN = join(tempDir(), "no-such-rerun");
    try {
      await rr.newRecording("nope").spawn({ port: await freePort() });
      expect(String(warn.mock.calls[0]![0])).toStartWith("RerunWarning: spawn(): Failed to find Rerun Viewer executable in PATH");
    } finally {
      delete process.env.RERUN_BIN;
      warn.mockRestore();
    }
  });
});
