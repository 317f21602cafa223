/**
 * B22: a recording far larger than a browser tab should hold (2 GiB at full size: frames of a
 * 100 k-point cloud and a 640×480 RGB image) served by `rerun --serve-web --server-memory-limit 8GB`:
 * time until its data is on screen after navigation, time from a scrub key press to both views drawn
 * at the new time, the browser's memory after scrubbing, and the bytes the page downloaded against
 * what the official 0.22 viewer needs (its wasm and js, and the relay's whole history).
 * Anchor of the timings: the same viewer on a recording of the same frames, 8 of them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { exact } from "../measure.ts";
import type { Row, Size } from "../scenario.ts";
import { benchPage, type BenchPage, launch, procMemory, settle, settleWith } from "./browser.ts";
import { interleave, notes, VIEWPORT, type ViewerBenchOptions } from "./frames.ts";
import { RawChromium } from "./raw-cdp.ts";
import { BIG_FRAME, writeFrames } from "./recordings.ts";
import { benchBinary, ViewerServer } from "./server.ts";

const SIZES = {
  tiny: { until: { frames: 4 }, smallFrames: 2, runs: 2, memScrubs: 3 },
  full: { until: { bytes: 2 ** 31 }, smallFrames: 8, runs: 5, memScrubs: 100 },
};
const MB = 1e6;

/** Navigates a fresh page to recording `id`; resolves when both views drew its data: ms after navigation, and bytes downloaded. */
async function openAndTime(browser: Browser, server: ViewerServer, id: string): Promise<{ p: BenchPage; ms: number; bytes: number }> {
  const p = await benchPage(browser, VIEWPORT);
  await p.page.goto(`${server.base}/?recording=${encodeURIComponent(id)}`);
  const s = await settle(p.page, { quietMs: 750, minDraws: 2, canvases: 2, timeoutMs: 120_000 });
  const bytes = await p.page.evaluate(() =>
    [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].reduce((n, e) => n + (e as PerformanceResourceTiming).encodedBodySize, 0));
  return { p, ms: s.presented, bytes };
}

/** Presses ← and waits until both views drew again: ms from the keydown to the frame after their last draw. */
async function scrubOnce(p: BenchPage): Promise<number> {
  const before = await p.page.evaluate(() => (window as unknown as { __bench: { keyAt: number } }).__bench.keyAt);
  await p.page.keyboard.press("ArrowLeft");
  const keyAt = await p.page.evaluate(() => (window as unknown as { __bench: { keyAt: number } }).__bench.keyAt);
  if (keyAt === before) throw new Error("the key press did not reach the page");
  const s = await settle(p.page, { since: keyAt, quietMs: 400, minDraws: 2, canvases: 2, timeoutMs: 60_000 });
  return s.presented - keyAt;
}

/** Memory of a browser tab of our viewer at `url`: after first paint and after `scrubs` steps back (each waited for). */
async function memoryAfterScrubs(url: string, scrubs: number) {
  const chromium = await RawChromium.launch();
  try {
    const page = await chromium.open(url, VIEWPORT.width, VIEWPORT.height);
    const evaluate = (e: string) => page.evaluate(e);
    await settleWith(evaluate, { quietMs: 750, minDraws: 2, canvases: 2, timeoutMs: 120_000 });
    const reading = async () => {
      const { usedSize, backingStorageSize } = await page.send<{ usedSize: number; backingStorageSize: number }>("Runtime.getHeapUsage");
      const { metrics } = await page.send<{ metrics: { name: string; value: number }[] }>("Performance.getMetrics");
      const { processInfo } = await chromium.send<{ processInfo: { type: string; id: number }[] }>("SystemInfo.getProcessInfo");
      const procs = processInfo.map((p) => ({ type: p.type, pid: p.id, ...procMemory(p.id) }));
      return {
        js: usedSize + backingStorageSize,
        heap: metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? usedSize,
        arrayBuffers: backingStorageSize,
        renderer: Math.max(...procs.filter((p) => p.type === "renderer").map((p) => p.rss)),
        gpu: procs.filter((p) => p.type === "GPU").reduce((n, p) => n + p.rss, 0),
        pss: procs.reduce((n, p) => n + p.pss, 0),
        procs,
      };
    };
    const first = await reading();
    for (let i = 0; i < scrubs; i++) {
      const before = await page.evaluate<number>("window.__bench.keyAt");
      await page.press("ArrowLeft");
      const keyAt = await page.evaluate<number>("window.__bench.keyAt");
      if (keyAt === before) throw new Error("the key press did not reach the page");
      await settleWith(evaluate, { since: keyAt, quietMs: 200, minDraws: 2, canvases: 2 });
    }
    await Bun.sleep(500);
    const last = await reading();
    return { first, last, ...last };
  } finally {
    await chromium.close();
  }
}

/** Bytes on the wire (gzip, as a browser asks) of a GET. */
function wireBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
      let n = 0;
      res.on("data", (d: Buffer) => (n += d.length));
      res.on("end", () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${url}: ${res.statusCode}`))));
    }).on("error", reject);
  });
}

/** What the official 0.22 web viewer downloads: its page, js and wasm, then the relay's whole history (a raw WebSocket client counts it). */
async function officialDownload(server: ViewerServer, expectBytes: number): Promise<{ assets: number; relay: number; secs: number }> {
  let assets = 0;
  for (const path of ["/rerun/", "/rerun/index.js", "/rerun/re_viewer", "/rerun/re_viewer_bg.wasm"]) assets += await wireBytes(server.base + path);
  const t = performance.now();
  const relay = await new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.wsPort}`);
    ws.binaryType = "arraybuffer";
    let n = 0, idle: ReturnType<typeof setTimeout> | null = null;
    const done = () => {
      ws.close();
      resolve(n);
    };
    ws.onmessage = (e) => {
      n += (e.data as ArrayBuffer).byteLength;
      if (idle) clearTimeout(idle);
      // The history is replayed as fast as the socket drains; it is over once it stops for a while.
      idle = setTimeout(done, n >= expectBytes ? 500 : 5_000);
    };
    ws.onerror = () => reject(new Error("relay connection failed"));
  });
  return { assets, relay, secs: (performance.now() - t) / 1000 };
}

export async function largeRecordingRows(size: Size, opts: ViewerBenchOptions = {}): Promise<Row[]> {
  const s = SIZES[size], log = opts.log ?? ((l: string) => console.error(l));
  const dir = mkdtempSync(join(tmpdir(), "rerun-bench-viewer-"));
  let server: ViewerServer | null = null, browser: Browser | null = null;
  const pages: BenchPage[] = [];
  try {
    log(`B22: writing the recordings with the SDK into ${dir} …`);
    let t = performance.now();
    const big = await writeFrames(dir, "big", s.until);
    const small = await writeFrames(dir, "small", { frames: s.smallFrames });
    log(`B22: ${big.frames} frames, ${(big.bytes / MB).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s; loading it into rerun --serve-web …`);
    t = performance.now();
    server = await ViewerServer.start(opts.binary ?? benchBinary(), [big.path, small.path], ["--server-memory-limit", "8GB"]);
    const recs = await server.loaded({ bench_viewer_big: 2 * big.frames, bench_viewer_small: 2 * small.frames });
    const loadSecs = (performance.now() - t) / 1000, serverRss = await server.rss();
    notes.push(`B22 server: ${(big.bytes / MB).toFixed(0)} MB file loaded in ${loadSecs.toFixed(1)} s, server RSS ${(serverRss / MB).toFixed(0)} MB`);
    const bigId = recs.get("bench_viewer_big")!.id, smallId = recs.get("bench_viewer_small")!.id;
    browser = await launch();

    log("B22: data on screen after navigation …");
    let bytes = 0;
    const open = (id: string, keep: boolean) => async () => {
      const r = await openAndTime(browser!, server!, id);
      if (id === bigId) bytes = r.bytes;
      if (keep) pages.push(r.p);
      else await r.p.close();
      return r.ms;
    };
    const [ttfp, ttfpSmall] = await interleave([open(bigId, false), open(smallId, false)], s.runs);

    log("B22: scrubbing …");
    await open(bigId, true)();
    await open(smallId, true)();
    const [bigPage, smallPage] = pages as [BenchPage, BenchPage];
    const [scrub, scrubSmall] = await interleave([() => scrubOnce(bigPage), () => scrubOnce(smallPage)], s.runs);
    if (bigPage.errors.length) notes.push(`B22 page errors: ${bigPage.errors.join("; ")}`);
    for (const p of pages.splice(0)) await p.close();
    await browser.close();
    browser = null;

    log(`B22: browser memory over ${s.memScrubs} scrubs (bare DevTools connection) …`);
    const mem = await memoryAfterScrubs(`${server.base}/?recording=${encodeURIComponent(bigId)}`, s.memScrubs);
    notes.push(`B22 browser right after first paint: renderer ${(mem.first.renderer / MB).toFixed(0)} MB RSS, JS heap + ArrayBuffers ${(mem.first.js / MB).toFixed(0)} MB`);
    notes.push(`B22 browser after ${s.memScrubs} scrubs: ${mem.procs.map((p) => `${p.type} ${(p.rss / MB).toFixed(0)} MB RSS`).join(", ")}; all processes ${(mem.pss / MB).toFixed(0)} MB PSS; JS heap ${(mem.heap / MB).toFixed(1)} MB (CDP Performance.getMetrics JSHeapUsedSize) + ArrayBuffers ${(mem.arrayBuffers / MB).toFixed(0)} MB`);

    log("B22: what the official viewer would download …");
    const official = await officialDownload(server, big.bytes);
    notes.push(`B22 official 0.22 viewer: page+js+wasm ${(official.assets / MB).toFixed(1)} MB (gzip) + relay history ${(official.relay / MB).toFixed(0)} MB (received by a raw WebSocket client in ${official.secs.toFixed(1)} s)`);

    const gib = `${(big.bytes / 2 ** 30).toFixed(2)} GiB`, rec = `B22 ${gib} recording (${big.frames} frames of ${BIG_FRAME.points / 1000} k points + ${BIG_FRAME.width}×${BIG_FRAME.height} image)`;
    const smallName = `same viewer, ${small.frames}-frame recording (${(small.bytes / MB).toFixed(0)} MB)`;
    const recMB = { ...exact(big.bytes / MB), unit: "MB", name: "the recording (.rrd file)" };
    const mb = (v: number) => ({ ...exact(v / MB), unit: "MB" });
    return [
      { scenario: `${rec}: data on screen after navigation`, ours: { ...ttfp!, unit: "ms" }, anchor: { ...ttfpSmall!, unit: "ms", name: smallName }, target: { on: "ours", op: "<=", value: 2000 } },
      { scenario: `${rec}: scrub ←, key to both views drawn`, ours: { ...scrub!, unit: "ms" }, anchor: { ...scrubSmall!, unit: "ms", name: smallName }, target: { on: "ratio", op: "<=", value: 1.5 } },
      { scenario: `${rec}: renderer RSS after ${s.memScrubs} scrubs`, ours: mb(mem.last.renderer), anchor: recMB, target: { on: "ratio", op: "<=", value: 0.25 } },
      { scenario: `${rec}: JS heap + ArrayBuffers after ${s.memScrubs} scrubs`, ours: mb(mem.last.js), anchor: recMB, target: null },
      { scenario: `${rec}: GPU process RSS (SwiftShader) after ${s.memScrubs} scrubs`, ours: mb(mem.gpu), anchor: recMB, target: null },
      { scenario: `${rec}: bytes downloaded to first paint`, ours: mb(bytes), anchor: { ...mb(official.assets + official.relay), name: "official 0.22 viewer: wasm+js + relay history" }, target: { on: "ratio", op: "<=", value: 0.01 } },
    ];
  } finally {
    for (const p of pages) await p.close().catch(() => {});
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
