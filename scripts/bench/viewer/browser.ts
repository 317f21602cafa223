/**
 * Headless Debian chromium for the viewer benchmark (software WebGL: SwiftShader), with a small
 * instrumentation injected before any page script: every draw on a view canvas (WebGL clear/draw
 * calls, 2D fills, strokes and image draws on canvases of class `view-canvas`) is time-stamped, the
 * next animation frame after a draw counts as "presented", and fetches in flight are counted. The
 * viewer itself is not changed for this.
 */
import { readFileSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM_PATH, FLAGS } from "../../../tests/interop/browser.ts";

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
}

/** What the injected script keeps in `window.__bench`. */
export interface BenchState {
  /** performance.now() of every view-canvas draw call batch: [time, canvas index]. */
  draws: [number, number][];
  /** performance.now() in the first animation frame after the last draw. */
  presented: number;
  /** Fetches not settled yet. */
  inflight: number;
  /** event.timeStamp of the last keydown. */
  keyAt: number;
}

/** The instrumentation (runs in the page, before its scripts). */
function instrument(): void {
  const b: BenchState & { canvases: HTMLCanvasElement[]; pending: boolean } = { draws: [], presented: 0, inflight: 0, keyAt: 0, canvases: [], pending: false };
  (window as unknown as { __bench: typeof b }).__bench = b;
  const mark = (canvas: HTMLCanvasElement | OffscreenCanvas) => {
    if (!(canvas instanceof HTMLCanvasElement) || !canvas.classList.contains("view-canvas")) return;
    const now = performance.now();
    let i = b.canvases.indexOf(canvas);
    if (i < 0) i = b.canvases.push(canvas) - 1;
    // One entry per canvas per task is enough (a render makes many calls).
    const lastDraw = b.draws[b.draws.length - 1];
    if (!lastDraw || lastDraw[1] !== i || now - lastDraw[0] > 1) b.draws.push([now, i]);
    if (!b.pending) {
      b.pending = true;
      requestAnimationFrame(() => {
        b.pending = false;
        b.presented = performance.now();
      });
    }
  };
  const wrap = (proto: object, names: string[]) => {
    for (const name of names) {
      const p = proto as Record<string, (...a: unknown[]) => unknown>;
      const orig = p[name];
      if (typeof orig !== "function") continue;
      p[name] = function (this: { canvas: HTMLCanvasElement }, ...args: unknown[]) {
        mark(this.canvas);
        return orig.apply(this, args);
      };
    }
  };
  wrap(WebGLRenderingContext.prototype, ["clear", "drawArrays", "drawElements"]);
  wrap(WebGL2RenderingContext.prototype, ["clear", "drawArrays", "drawElements", "drawArraysInstanced", "drawElementsInstanced"]);
  wrap(CanvasRenderingContext2D.prototype, ["fillRect", "stroke", "fill", "drawImage", "putImageData"]);
  const fetch0 = window.fetch;
  (window as { fetch: unknown }).fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
    b.inflight++;
    const p = fetch0.apply(this, args);
    // The body is read after the response resolves: count it settled when the body was consumed or failed.
    return p.then(
      (res) => {
        const done = () => void b.inflight--;
        for (const m of ["arrayBuffer", "json", "text", "blob"] as const) {
          const f = res[m].bind(res) as () => Promise<unknown>;
          (res as unknown as Record<string, unknown>)[m] = () => f().finally(done);
        }
        return res;
      },
      (e) => {
        b.inflight--;
        throw e;
      },
    );
  };
  window.addEventListener("keydown", (ev) => (b.keyAt = ev.timeStamp), true);
}

/** The instrumentation as a script source (for a bare DevTools connection). */
export function instrumentSource(): string {
  return `(${instrument.toString()})()`;
}

/** A page in a fresh browser context (own cache and storage), instrumented. */
export interface BenchPage {
  page: Page;
  context: BrowserContext;
  errors: string[];
  close(): Promise<void>;
}

export async function benchPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<BenchPage> {
  // No request routing (it would pause every request for a round trip to this process): the
  // host-resolver rule of FLAGS already keeps the browser off any other host.
  const context = await browser.newContext({ viewport });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && !m.text().includes("GL Driver Message") && errors.push(`console.${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  return { page, context, errors, close: () => context.close() };
}

/** Where a page settled: the first animation frame after its last view draw, and the last keydown (page clock, ms since navigation). */
export interface Settled {
  presented: number;
  lastDraw: number;
  keyAt: number;
}

export interface SettleOptions {
  /** How long no view canvas may draw. */
  quietMs?: number;
  /** Draws needed after `since`, on at least `canvases` canvases. */
  minDraws?: number;
  canvases?: number;
  since?: number;
  timeoutMs?: number;
}

/** Waits until no fetch is in flight and no view canvas drew for a while (see SettleOptions), with any JavaScript evaluator of the page. */
export async function settleWith(evaluate: (expression: string) => Promise<unknown>, { quietMs = 500, minDraws = 1, canvases = 1, timeoutMs = 60_000, since = 0 }: SettleOptions = {}): Promise<Settled> {
  const deadline = Date.now() + timeoutMs;
  const probe = `(() => {
    const b = window.__bench, since = ${since};
    const after = b.draws.filter(([t]) => t > since);
    const last = after.length ? after[after.length - 1][0] : -Infinity;
    return { inflight: b.inflight, draws: after.length, canvases: new Set(after.map(([, i]) => i)).size,
      quiet: performance.now() - last >= ${quietMs} && b.presented >= last, state: { presented: b.presented, lastDraw: last, keyAt: b.keyAt } };
  })()`;
  for (;;) {
    const s = (await evaluate(probe)) as { inflight: number; draws: number; canvases: number; quiet: boolean; state: Settled };
    if (s.inflight === 0 && s.draws >= minDraws && s.canvases >= canvases && s.quiet) return s.state;
    if (Date.now() > deadline) throw new Error(`page never settled (fetches in flight ${s.inflight}, draws ${s.draws} on ${s.canvases} canvases)`);
    await Bun.sleep(50);
  }
}

/** settleWith on a Playwright page. */
export function settle(page: Page, opts: SettleOptions = {}): Promise<Settled> {
  return settleWith((e) => page.evaluate(e), opts);
}

/** The WebGL renderer string (says whether it is SwiftShader). */
export function glRenderer(page: Page): Promise<string> {
  return page.evaluate(() => {
    const gl = document.createElement("canvas").getContext("webgl2");
    const ext = gl?.getExtension("WEBGL_debug_renderer_info");
    return gl ? String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : "no WebGL";
  });
}

/** How a frame-time run makes the view re-render every frame. */
export type Drive = "orbit" | "scrub" | "value-zoom";

/**
 * Mean time per rendered frame of the canvas matching `selector` over `frames` animation frames
 * while `drive` makes it re-render every frame: "orbit" drags the camera (synthetic pointer events,
 * which OrbitControls handles as a mouse drag), "scrub" presses ← (a synthetic keydown, handled by
 * the viewer's global shortcuts: the time cursor steps back), "value-zoom" shift-wheels over a plot
 * (its value axis zooms in and out: every series is drawn again). Frame time = elapsed rAF time ÷
 * frames in which the canvas drew, after 3 untimed frames that fill the GPU pipeline; at the end the
 * GPU work is waited for (a 1-pixel read of a WebGL canvas), so that a run never inherits another's queued frames.
 */
export async function frameTime(page: Page, selector: string, drive: Drive, frames: number): Promise<{ ms: number; rendered: number; frames: number }> {
  return page.evaluate(({ selector, drive, frames }) => {
    const b = (window as unknown as { __bench: BenchState & { canvases: HTMLCanvasElement[] } }).__bench;
    const canvas = document.querySelector(selector) as HTMLCanvasElement | null;
    if (!canvas) throw new Error(`no ${selector}`);
    const r = canvas.getBoundingClientRect();
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const pointer = (type: string, x: number) =>
      canvas.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, composed: true, pointerId: 1, pointerType: "mouse", isPrimary: true, clientX: x, clientY: cy, button: type === "pointermove" ? -1 : 0, buttons: type === "pointerup" ? 0 : 1 }));
    let x = cx;
    if (drive === "orbit") pointer("pointerdown", x);
    return new Promise<{ ms: number; rendered: number; frames: number }>((resolve) => {
      // The first PREROLL frames fill the GPU pipeline (SwiftShader queues a few frames) and are not timed.
      const PREROLL = 3;
      let i = -PREROLL, t0 = 0, rendered = 0, seen = b.draws.length;
      const tick = (t: number) => {
        // Did the canvas draw since the previous tick? (The view renders in its own rAF callback.)
        if (i > 0 && b.draws.slice(seen).some(([, k]) => b.canvases[k] === canvas)) rendered++;
        seen = b.draws.length;
        if (i === 0) t0 = t;
        if (i === frames) {
          if (drive === "orbit") pointer("pointerup", x);
          // Drain: wait for the GPU to finish what was queued, so the next run (maybe another page) starts idle.
          const gl = canvas.getContext("webgl2");
          // (Not for 2D canvases: Chrome moves a canvas that is read back to the CPU.)
          if (gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
          requestAnimationFrame(() => requestAnimationFrame(() => resolve({ ms: rendered ? (t - t0) / rendered : NaN, rendered, frames })));
          return;
        }
        // Back and forth, so that the view stays comparable from run to run.
        const sign = Math.floor(i / 25) % 2 ? -1 : 1;
        if (drive === "orbit") pointer("pointermove", (x += 8 * sign));
        else if (drive === "scrub") document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true, cancelable: true }));
        else canvas.dispatchEvent(new WheelEvent("wheel", { deltaY: 20 * sign, shiftKey: true, clientX: cx, clientY: cy, bubbles: true, cancelable: true }));
        i++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }, { selector, drive, frames });
}

/** The context options of the WebGL canvas matching `selector` (null for a 2D canvas). */
export function glOptions(page: Page, selector: string): Promise<{ antialias: boolean; preserveDrawingBuffer: boolean } | null> {
  return page.evaluate((selector) => {
    const c = document.querySelector(selector) as HTMLCanvasElement | null;
    const gl = c?.getContext("webgl2") ?? c?.getContext("webgl");
    const a = gl?.getContextAttributes();
    return a ? { antialias: !!a.antialias, preserveDrawingBuffer: !!a.preserveDrawingBuffer } : null;
  }, selector);
}

/** Resident and proportional set size of a process (bytes), from /proc. */
export function procMemory(pid: number): { rss: number; pss: number } {
  try {
    const roll = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(roll)?.[1] ?? 0) * 1024;
    return { rss: kb("Rss"), pss: kb("Pss") };
  } catch {
    return { rss: 0, pss: 0 };
  }
}
