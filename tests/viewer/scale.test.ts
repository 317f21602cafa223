/**
 * A recording much larger than what the page holds (1 M scalars, 40 images of 512², ~65 MB in the
 * store) opens at once: the viewer asks only for what is on screen — one image, one downsampled
 * series per pixel column — and scrubbing or zooming fetches just the new view. Timings are printed.
 */
import { expect, test } from "bun:test";
import { Served, until } from "../web/harness.ts";
import { colorPixels, openViewer, realErrors, type ViewerPage, viewerSession, waitFor } from "./harness.ts";
import { bigChunks, writeRecording } from "./recordings.ts";

const TIMEOUT_MS = 180_000;
const SCALARS = 1_000_000;
let v: ViewerPage;
let sizeBytes = 0;

const session = viewerSession(() => Served.start([writeRecording("big", bigChunks(SCALARS, 40, 512), "big")]), TIMEOUT_MS, (served) =>
  until(async () => {
    const [r] = (await (await served.fetch("/api/recordings")).json()) as { rows: number; sizeBytes: number }[];
    sizeBytes = r?.sizeBytes ?? 0;
    return r?.rows === SCALARS + 41;
  }, "the recording ingested", 60_000));

/** Bytes the page received from the API so far. */
const apiBytes = () => v.page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/")).reduce((n, e) => n + (e as PerformanceResourceTiming).encodedBodySize, 0));
const seriesRequests = () => v.page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.includes("/series?")).length);
const plot = () => v.page.locator('[data-kind="timeseries"] canvas');
const image = () => v.page.locator('[data-kind="spatial2d"] canvas');

test("opens at once, transferring a small fraction of the recording", async () => {
  const t0 = performance.now();
  v = await openViewer(session.browser, `${session.served.base}/`, { width: 1400, height: 900 });
  await waitFor(async () => (await colorPixels(v.page, await plot().screenshot(), [255, 48, 48], 30)).length > 300, "the series drawn");
  await waitFor(async () => (await colorPixels(v.page, await image().screenshot(), [20, 23, 25], 2)).length < 0.8 * (await image().boundingBox())!.width * (await image().boundingBox())!.height, "the image drawn");
  const openedMs = performance.now() - t0;
  // When the page had every answer it draws (the checks above take screenshots, so they lag behind).
  const dataMs = await v.page.evaluate(() => Math.max(...performance.getEntriesByType("resource").filter((e) => /latest-at|series/.test(e.name)).map((e) => (e as PerformanceResourceTiming).responseEnd)));
  const bytes = await apiBytes();
  console.log(`1M scalars + 40 images (${(sizeBytes / 2 ** 20).toFixed(1)} MiB in the store): data on screen ${dataMs.toFixed(0)} ms after navigation (checks done after ${openedMs.toFixed(0)} ms), ${(bytes / 1024).toFixed(0)} KiB fetched (${((100 * bytes) / sizeBytes).toFixed(2)} %)`);
  expect(dataMs).toBeLessThan(5_000);
  expect(openedMs).toBeLessThan(30_000);
  expect(bytes).toBeLessThan(sizeBytes * 0.03);
}, TIMEOUT_MS);

test("scrubbing fetches one other image; zooming the plot re-downsamples the visible range", async () => {
  const before = await image().screenshot();
  const bytesBefore = await apiBytes();
  const t0 = performance.now();
  await v.page.locator(".time-canvas").focus();
  await v.page.keyboard.press("Home");
  await waitFor(async () => !Buffer.from(await image().screenshot()).equals(Buffer.from(before)), "another image");
  const scrubMs = performance.now() - t0;
  const requests = await seriesRequests();
  const box = (await plot().boundingBox())!;
  await v.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const t1 = performance.now();
  for (let i = 0; i < 5; i++) await v.page.mouse.wheel(0, -400);
  await waitFor(async () => (await seriesRequests()) > requests, "a new series request");
  await waitFor(async () => (await colorPixels(v.page, await plot().screenshot(), [255, 48, 48], 30)).length > 300, "the zoomed series drawn");
  const zoomMs = performance.now() - t1;
  const fetched = (await apiBytes()) - bytesBefore;
  console.log(`scrub to start: ${scrubMs.toFixed(0)} ms; plot zoom: ${zoomMs.toFixed(0)} ms; ${(fetched / 1024).toFixed(0)} KiB fetched for both`);
  expect(fetched).toBeLessThan(4 << 20);
  expect(realErrors(v.errors)).toEqual([]);
}, TIMEOUT_MS);
