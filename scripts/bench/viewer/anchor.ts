/** Serves the anchor pages (empty-scene.ts, bundled once) into a page through request routing, at a given canvas size. */
import { join } from "node:path";
import type { Page } from "playwright-core";

let bundle: Promise<string> | null = null;

/** The bundled empty-scene script. */
function script(): Promise<string> {
  bundle ??= (async () => {
    const out = await Bun.build({ entrypoints: [join(import.meta.dir, "empty-scene.ts")], target: "browser", minify: true });
    if (!out.success) throw new Error(`bundling the empty scene failed: ${out.logs.join("\n")}`);
    return out.outputs[0]!.text();
  })();
  return bundle;
}

/** WebGL context options of the anchor page, copied from the measured view's context. */
export interface AnchorOptions {
  antialias: boolean;
  preserveDrawingBuffer: boolean;
  /** Bare three.js points of the benchmark cloud (0: an empty scene). */
  points?: number;
}

/**
 * Opens the anchor scene at `origin` (any loopback origin: the requests are answered by the route and
 * never reach it) with a `width`×`height` CSS-pixel canvas.
 */
export async function openAnchor(page: Page, origin: string, width: number, height: number, o: AnchorOptions): Promise<void> {
  const js = await script();
  const url = `${origin}/__bench/empty-scene.html`;
  await page.route(`${origin}/__bench/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.endsWith(".js")) return route.fulfill({ contentType: "text/javascript", body: js });
    return route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html><body style="margin:0;background:#101214"><canvas class="view-canvas" style="display:block;width:${width}px;height:${height}px"></canvas><script src="empty-scene.js"></script></body></html>`,
    });
  });
  await page.goto(`${url}#aa=${o.antialias ? 1 : 0}&pdb=${o.preserveDrawingBuffer ? 1 : 0}&points=${o.points ?? 0}`);
}
