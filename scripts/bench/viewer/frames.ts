/**
 * B21: frame time of our viewer while a view re-renders every frame, against an empty three.js scene
 * on a canvas of the same size in the same browser (software WebGL: SwiftShader), runs interleaved:
 * a 1 M-point cloud (Points3D, noisy float32, colors) orbited in the 3D view, and 50 series × 100 k
 * scalars in the time-series view, scrubbed with ← and zoomed on the value axis (a full redraw).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { stat, type Stat } from "../measure.ts";
import type { Row, Size } from "../scenario.ts";
import { openAnchor } from "./anchor.ts";
import { benchPage, type BenchPage, type Drive, frameTime, glOptions, glRenderer, launch, settle } from "./browser.ts";
import { writeCloud, writeScalars } from "./recordings.ts";
import { benchBinary, ViewerServer } from "./server.ts";

const SIZES = {
  tiny: { points: 20_000, series: 5, samples: 2_000, runs: 2, budgetMs: 300 },
  full: { points: 1_000_000, series: 50, samples: 100_000, runs: 5, budgetMs: 3_000 },
};
export const VIEWPORT = { width: 1280, height: 800 };
const VIEW_3D = '[data-kind="spatial3d"] canvas.view-canvas';
const VIEW_PLOT = '[data-kind="timeseries"] canvas.view-canvas';
/** Interactive: at least half the empty scene's frame rate (30 fps where it makes 60). */
const TARGET = { on: "ratio", op: "<=", value: 2 } as const;

/** Options shared by the viewer scenarios. */
export interface ViewerBenchOptions {
  /** The compiled `rerun` (default: built once into a temporary directory). */
  binary?: string;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

/** Facts worth printing next to the table. */
export const notes: string[] = [];

/** `ways` run one after the other, `warmup` + `runs` times (a, b, a, b, …); the timed figures of each. */
export async function interleave(ways: (() => Promise<number>)[], runs: number, warmup = 1): Promise<Stat[]> {
  const out: number[][] = ways.map(() => []);
  for (let i = 0; i < warmup + runs; i++) {
    for (let w = 0; w < ways.length; w++) {
      const v = await ways[w]!();
      if (i >= warmup) out[w]!.push(v);
    }
  }
  return out.map(stat);
}

/**
 * A frame-time measurement of one canvas: the first call (the warm-up) picks the number of frames
 * so that a run lasts about `budgetMs` (10 to 120 frames at full size); each call returns ms per frame.
 */
function frameRuns(p: BenchPage, selector: string, drive: Drive, budgetMs: number, minFrames: number): () => Promise<number> {
  let frames = 0;
  return async () => {
    const r = await frameTime(p.page, selector, drive, frames || minFrames);
    if (!(r.rendered >= 1)) throw new Error(`${selector} did not re-render under ${drive}`);
    if (r.rendered < r.frames * 0.9) notes.push(`${selector} ${drive}: drew in ${r.rendered} of ${r.frames} frames`);
    frames ||= Math.max(minFrames, Math.min(120, Math.round(budgetMs / r.ms)));
    return r.ms;
  };
}

/** Our viewer on recording `id`, settled with its data drawn. */
async function viewerPage(browser: Browser, server: ViewerServer, id: string): Promise<BenchPage> {
  const p = await benchPage(browser, VIEWPORT);
  await p.page.goto(`${server.base}/?recording=${encodeURIComponent(id)}`);
  await settle(p.page, { quietMs: 1000, minDraws: 1, timeoutMs: 120_000 });
  return p;
}

async function anchorPage(browser: Browser, server: ViewerServer, selector: string, viewer: BenchPage, gl: { antialias: boolean; preserveDrawingBuffer: boolean }, points = 0): Promise<BenchPage> {
  const box = (await viewer.page.locator(selector).boundingBox())!;
  const p = await benchPage(browser, VIEWPORT);
  await openAnchor(p.page, server.base, box.width, box.height, { ...gl, points });
  await settle(p.page, { quietMs: 300, minDraws: 1 });
  return p;
}

const ms = (s: Stat) => ({ ...s, unit: "ms/frame" });

export async function frameTimeRows(size: Size, opts: ViewerBenchOptions = {}): Promise<Row[]> {
  const s = SIZES[size], log = opts.log ?? ((l: string) => console.error(l));
  const minFrames = size === "tiny" ? 5 : 10;
  const dir = mkdtempSync(join(tmpdir(), "rerun-bench-viewer-"));
  let server: ViewerServer | null = null, browser: Browser | null = null;
  const pages: BenchPage[] = [];
  try {
    log(`B21: writing a ${s.points}-point cloud and ${s.series} × ${s.samples} scalars with the SDK …`);
    const cloud = await writeCloud(dir, s.points), scalars = await writeScalars(dir, s.series, s.samples);
    server = await ViewerServer.start(opts.binary ?? benchBinary(), [cloud.path, scalars.path]);
    const recs = await server.loaded({ bench_viewer_cloud: 1, bench_viewer_scalars: s.series * s.samples });
    browser = await launch();
    const rows: Row[] = [];

    log("B21: 3D view orbit …");
    const view3d = await viewerPage(browser, server, recs.get("bench_viewer_cloud")!.id);
    pages.push(view3d);
    const gl = (await glOptions(view3d.page, VIEW_3D))!;
    notes.push(`WebGL: ${await glRenderer(view3d.page)}; our 3D view's context: antialias ${gl.antialias}, preserveDrawingBuffer ${gl.preserveDrawingBuffer}`);
    const empty3d = await anchorPage(browser, server, VIEW_3D, view3d, gl);
    const bare = await anchorPage(browser, server, VIEW_3D, view3d, gl, s.points);
    pages.push(empty3d, bare);
    const [ours3d, empty, floor] = await interleave([
      frameRuns(view3d, VIEW_3D, "orbit", s.budgetMs, minFrames),
      frameRuns(empty3d, "canvas", "orbit", s.budgetMs, minFrames),
      frameRuns(bare, "canvas", "orbit", s.budgetMs, minFrames),
    ], s.runs);
    const cloudName = `B21 3D view, ${s.points >= 1e6 ? `${s.points / 1e6} M` : `${s.points / 1e3} k`}-point cloud, orbit`;
    rows.push(
      { scenario: cloudName, ours: ms(ours3d!), anchor: { ...ms(empty!), name: "empty three.js scene" }, target: TARGET },
      { scenario: cloudName, ours: ms(ours3d!), anchor: { ...ms(floor!), name: "bare three.js Points, same cloud" }, target: null },
    );
    for (const p of pages.splice(0)) await p.close();

    log("B21: time series scrub and value zoom …");
    const plot = await viewerPage(browser, server, recs.get("bench_viewer_scalars")!.id);
    const emptyPlot = await anchorPage(browser, server, VIEW_PLOT, plot, gl);
    pages.push(plot, emptyPlot);
    const [scrub, emptyA, zoom, emptyB] = await interleave([
      frameRuns(plot, VIEW_PLOT, "scrub", s.budgetMs, minFrames),
      frameRuns(emptyPlot, "canvas", "orbit", s.budgetMs, minFrames),
      frameRuns(plot, VIEW_PLOT, "value-zoom", s.budgetMs, minFrames),
      frameRuns(emptyPlot, "canvas", "orbit", s.budgetMs, minFrames),
    ], s.runs);
    const plotName = `B21 time series, ${s.series} × ${s.samples >= 1000 ? `${s.samples / 1000} k` : s.samples} scalars`;
    rows.push(
      { scenario: `${plotName}, scrub ←`, ours: ms(scrub!), anchor: { ...ms(emptyA!), name: "empty three.js scene" }, target: TARGET },
      { scenario: `${plotName}, value-axis zoom (full redraw)`, ours: ms(zoom!), anchor: { ...ms(emptyB!), name: "empty three.js scene" }, target: null },
    );
    const errors = [...plot.errors];
    if (errors.length) notes.push(`page errors: ${errors.join("; ")}`);
    return rows;
  } finally {
    for (const p of pages) await p.close().catch(() => {});
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
