/** Shared set-up of the viewer tests: headless chromium, a page of our viewer, pixel checks. */
import { afterAll, beforeAll } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium, loopbackContext } from "../interop/browser.ts";
import type { Served } from "../web/harness.ts";

/** A served `rerun` and a headless chromium, shared by the tests of one file. */
export interface ViewerSession {
  served: Served;
  browser: Browser;
}

/** Starts `rerun` (by `start`, then waits for `ready`), then chromium, before the file's tests; closes both after them. */
export function viewerSession(start: () => Promise<Served>, timeoutMs: number, ready?: (served: Served) => Promise<void>): ViewerSession {
  const session = {} as ViewerSession;
  beforeAll(async () => {
    session.served = await start();
    await ready?.(session.served);
    session.browser = await launchChromium();
  }, timeoutMs);
  afterAll(async () => {
    await session.browser?.close();
    await session.served?.stop();
  }, timeoutMs);
  return session;
}

/** A page of our viewer and what it logged. */
export interface ViewerPage {
  page: Page;
  /** console.error and console.warn lines, uncaught exceptions and failed requests. */
  errors: string[];
  close(): Promise<void>;
}

/** Opens `url` in a fresh loopback-only context of `browser`. */
export async function openViewer(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<ViewerPage> {
  const context = await loopbackContext(browser);
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors: string[] = [];
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && errors.push(`console.${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}


/** The pixel coordinates of a PNG screenshot whose color is within `tol` of `rgb` on every channel (decoded by the page). */
export async function colorPixels(page: Page, png: Uint8Array, rgb: [number, number, number], tol = 40): Promise<[number, number][]> {
  return page.evaluate(async ({ b64, rgb, tol }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext("2d")!;
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    const out: [number, number][] = [];
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i]! - rgb[0]) <= tol && Math.abs(d[i + 1]! - rgb[1]) <= tol && Math.abs(d[i + 2]! - rgb[2]) <= tol) out.push([(i / 4) % bmp.width, Math.floor(i / 4 / bmp.width)]);
    }
    return out;
  }, { b64: Buffer.from(png).toString("base64"), rgb, tol });
}

/** Groups pixels closer than `gap` into clusters; returns each cluster's centre and size, largest first. */
export function clusters(pixels: [number, number][], gap = 4): { x: number; y: number; n: number }[] {
  const out: { xs: number; ys: number; n: number; pts: [number, number][] }[] = [];
  for (const p of pixels) {
    const near = out.find((c) => c.pts.some((q) => Math.abs(q[0] - p[0]) <= gap && Math.abs(q[1] - p[1]) <= gap));
    if (near) (near.xs += p[0]), (near.ys += p[1]), near.n++, near.pts.push(p);
    else out.push({ xs: p[0], ys: p[1], n: 1, pts: [p] });
  }
  return out.map((c) => ({ x: c.xs / c.n, y: c.ys / c.n, n: c.n })).sort((a, b) => b.n - a.n);
}

/** Polls `fn` until it returns a truthy value (or throws after `timeoutMs`, naming `what`). */
export async function waitFor<T>(fn: () => Promise<T> | T, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(100);
  }
}

/** Errors that matter (Chromium's GL performance notes are not the page's). */
export function realErrors(errors: readonly string[]): string[] {
  return errors.filter((e) => !e.includes("GL Driver Message"));
}
