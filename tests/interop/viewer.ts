import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, loopbackContext } from "./browser.ts";
import { startViewerServer } from "./server.ts";

/** What to open: in-memory .rrd bytes (served over loopback http) or a URL given to the viewer as is (e.g. ws://127.0.0.1:PORT). */
export type Source = { rrd: Uint8Array } | { url: string };

/** A timeline's range as the viewer reports it (a JS number: nanoseconds above 2^53 lose precision). */
export interface TimeRange {
  min: number;
  max: number;
}

/** What the real viewer reports at one moment of a load. */
export interface ViewerSnapshot {
  recordingId: string | null;
  activeTimeline: string | null;
  /** The active timeline and every requested timeline the recording has. */
  timelines: Record<string, TimeRange>;
  /** Every console line of the page, in order. */
  console: string[];
  /** console.error lines, Rerun's "ERROR:" lines (it logs them with console.warn) and uncaught page errors. */
  consoleErrors: string[];
  /** Data-source lines: finished / left unexpectedly / failed to add msg / ws connection events. */
  sourceEvents: string[];
  /** A source logged "has finished" / "has left unexpectedly" (http: all its data is ingested) or its WebSocket "closed." (ingestion may lag). */
  sourceEnded: boolean;
}

/** How to wait for a load. */
export interface LoadOptions {
  /** Timeline names to query besides the active one (the 0.22 JS API cannot list timelines). */
  timelines?: string[];
  /** Load is done when this holds; default: `sourceEnded`. For ws sources, wait on the expected ranges instead. */
  until?: (snapshot: ViewerSnapshot) => boolean;
  /** Deadline in ms; default 45 000. On expiry `load` throws with the last snapshot. */
  timeoutMs?: number;
}

/** The real Rerun 0.22 web viewer in headless chromium; one browser, a fresh context per load. */
export interface RealViewer {
  /** Opens `source` in a fresh page and waits until `options.until` holds. */
  load(source: Source, options?: LoadOptions): Promise<ViewerSnapshot>;
  /** Opens a page that starts the real viewer itself as `window.viewer` (e.g. our server's `/rerun/`) and waits likewise. */
  loadPage(url: string, options?: LoadOptions): Promise<ViewerSnapshot>;
  /** PNG screenshot of the most recent load's page. */
  screenshot(): Promise<Uint8Array>;
  close(): Promise<void>;
}

const SOURCE_EVENT =
  /has finished|has left unexpectedly|Failed to add incoming msg|Failed to parse message|Connection to \S+ established|Connection error|\bclosed\.|Closing connection to|which is incompatible/;
const SOURCE_END = /has finished|has left unexpectedly|Connection to \S+ closed\./;

/** Launches chromium and a loopback server for the real viewer. */
export async function openRealViewer(): Promise<RealViewer> {
  const server = startViewerServer();
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    server.stop();
    throw e;
  }
  let current: { context: BrowserContext; page: Page } | null = null;
  const open = async (url: string, options: LoadOptions): Promise<ViewerSnapshot> => {
    await current?.context.close();
    const context = await loopbackContext(browser);
    const page = await context.newPage();
    current = { context, page };
    const log = { console: [] as string[], consoleErrors: [] as string[], sourceEvents: [] as string[] };
    page.on("console", (msg) => {
      const text = msg.text();
      log.console.push(text);
      if (msg.type() === "error" || text.startsWith("ERROR:")) log.consoleErrors.push(text);
      if (SOURCE_EVENT.test(text)) log.sourceEvents.push(text);
    });
    page.on("pageerror", (err) => log.consoleErrors.push(`pageerror: ${err.message}`));
    await page.goto(url);
    const until = options.until ?? ((s: ViewerSnapshot) => s.sourceEnded);
    const deadline = Date.now() + (options.timeoutMs ?? 45_000);
    for (;;) {
      const state = await page.evaluate(readViewerState, options.timelines ?? []);
      const snapshot: ViewerSnapshot = {
        ...state,
        console: [...log.console],
        consoleErrors: [...log.consoleErrors],
        sourceEvents: [...log.sourceEvents],
        sourceEnded: log.sourceEvents.some((line) => SOURCE_END.test(line)),
      };
      if (until(snapshot)) return snapshot;
      if (Date.now() > deadline) throw new Error(`viewer load timed out: ${describe(snapshot)}`);
      await Bun.sleep(100);
    }
  };
  return {
    load: (source, options = {}) => open(server.pageUrl("rrd" in source ? server.addRrd(source.rrd) : source.url), options),
    loadPage: (url, options = {}) => open(url, options),
    async screenshot() {
      if (!current) throw new Error("screenshot() before load()");
      return new Uint8Array(await current.page.screenshot({ type: "png" }));
    },
    async close() {
      await browser.close();
      server.stop();
    },
  };
}

/** Runs in the page: reads recording id, active timeline and time ranges through the WebViewer API. */
function readViewerState(names: string[]) {
  const viewer = (window as unknown as { viewer?: import("@rerun-io/web-viewer").WebViewer }).viewer;
  const recordingId = viewer?.ready ? viewer.get_active_recording_id() : null;
  const activeTimeline = recordingId ? viewer!.get_active_timeline(recordingId) : null;
  const timelines: Record<string, { min: number; max: number }> = {};
  for (const name of new Set([...(activeTimeline ? [activeTimeline] : []), ...names])) {
    const range = recordingId ? viewer!.get_time_range(recordingId, name) : null;
    if (range) timelines[name] = { min: range.min, max: range.max };
  }
  return { recordingId, activeTimeline, timelines };
}

function describe(s: ViewerSnapshot): string {
  const tail = s.console.slice(-10).join("\n  ");
  return `recording=${s.recordingId} timelines=${JSON.stringify(s.timelines)} errors=${JSON.stringify(s.consoleErrors)}\n  ${tail}`;
}
