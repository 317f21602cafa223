/**
 * Live data: a recording streamed over TCP into `rerun --serve-web` (compiled binary) appears in an
 * open viewer without a reload, and follow mode keeps the newest frame in view.
 */
import { beforeAll, expect, test } from "bun:test";
import { chunkMsg } from "../../store/chunk-msg.ts";
import { replay } from "../tcp/client.ts";
import { Served } from "../web/harness.ts";
import { recording, storeInfo } from "../web/synth.ts";
import { colorPixels, openViewer, realErrors, type ViewerPage, viewerSession, waitFor } from "./harness.ts";
import { scalarChunks, textLogChunks } from "./recordings.ts";

const TIMEOUT_MS = 120_000;
let v: ViewerPage;

const session = viewerSession(() => Served.start(), TIMEOUT_MS);
beforeAll(async () => {
  v = await openViewer(session.browser, `${session.served.base}/`, { width: 1400, height: 900 });
}, TIMEOUT_MS);

const id = recording("live");
const current = () => v.page.locator(".current-time").textContent();

test("data streamed after the page opened appears without a reload; follow keeps the newest time", async () => {
  await v.page.locator(".recording-list .empty").waitFor();
  await v.page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  const logs = textLogChunks(200)[0]!;
  await replay(session.served.sdkPort, [storeInfo(id, "live-app"), ...scalarChunks(100).map((c) => chunkMsg(id, c))]);
  await v.page.locator('[data-view-id="timeseries:/"]').waitFor({ timeout: 20_000 });
  await waitFor(async () => (await current()) === "#99", "the cursor following to #99");
  expect(await v.page.locator(".app-name").textContent()).toBe("live-app");

  // More steps and a new entity (text log on a new timeline) arrive while the page stays open.
  await replay(session.served.sdkPort, [...scalarChunks(300).map((c) => chunkMsg(id, c)), chunkMsg(id, logs)]);
  await waitFor(async () => (await current()) === "#299", "the cursor following to #299");
  await v.page.locator('[data-view-id="textlog:/"]').waitFor({ timeout: 20_000 });
  const png = await v.page.locator('[data-view-id="timeseries:/"] canvas').screenshot();
  expect((await colorPixels(v.page, png, [255, 48, 48], 30)).length).toBeGreaterThan(200);
  expect(await v.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  expect(realErrors(v.errors)).toEqual([]);
}, TIMEOUT_MS);
