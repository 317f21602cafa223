/** The publishable package: its build bundles ../store, runs on plain Node, and the browser bundle needs no node:* module. */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSdk } from "../../scripts/build-sdk.ts";
import { launchChromium } from "../interop/browser.ts";
import { decodeRrd } from "../../store/decoder.ts";
import { chunksOf } from "./decode.ts";
import { run } from "./run.ts";

const dist = buildSdk();

test("scripts/build-sdk.ts makes Node and browser bundles plus declarations", async () => {
  const pkg = JSON.parse(readFileSync(join(dist, "../package.json"), "utf8"));
  expect(pkg.name).toBe("@rerun-ts/sdk");
  expect(readFileSync(join(dist, "browser.js"), "utf8")).not.toContain("node:");
  expect(readFileSync(join(dist, "types/sdk/index.d.ts"), "utf8")).toContain("export * from \"./api.ts\"");
  const script = `import("${join(dist, "index.js")}").then((rr) => {
    const rec = rr.newRecording("pkg");
    const s = rec.binaryStream();
    rec.log("p", new rr.Points3D([[1, 2, 3]]));
    process.stdout.write(s.read());
  });`;
  const r = await run("node", ["-e", script]);
  expect(r.code).toBe(0);
  expect(chunksOf(decodeRrd(r.stdout)).map((c) => c.entityPath)).toEqual(["/p"]);
}, 60_000);

test("the browser bundle logs into a binaryStream inside Chromium; server-only sinks warn", async () => {
  const src = readFileSync(join(dist, "browser.js"), "utf8");
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const out = await page.evaluate(async (code) => {
      const warnings: string[] = [];
      console.warn = (text: string) => warnings.push(text);
      const rr = await import(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
      const rec = rr.newRecording("web");
      const s = rec.binaryStream();
      rec.setTimeSequence("frame", 3);
      rec.log("points", new rr.Points3D(new Float32Array([1, 2, 3]), { colors: new Uint8Array([255, 0, 0]) }));
      rec.connectTcp();
      return { bytes: Array.from(s.read() as Uint8Array), warnings };
    }, src);
    const msgs = decodeRrd(Uint8Array.from(out.bytes));
    expect(msgs[0]!.kind === "SetStoreInfo" && msgs[0]!.info.storeId.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(chunksOf(msgs).map((c) => [c.entityPath, c.timelines.map((t) => t.name).join(",")])).toEqual([["/points", "frame,log_tick,log_time"]]);
    expect(out.warnings).toEqual(["RerunWarning: connectTcp() needs Bun, Deno or Node (the browser build has binaryStream() only)"]);
  } finally {
    await browser.close();
  }
}, 60_000);
