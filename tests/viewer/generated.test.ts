/**
 * Our viewer on recordings generated with store/build.ts, served together by the compiled binary:
 * scalars in a time series, text logs, a markdown document whose scripts must not run, one of every
 * other archetype, the dataframe view, switching and downloading recordings.
 */
import { describe, expect, test } from "bun:test";
import { decodeRrd } from "../../store/decoder.ts";
import { Served } from "../web/harness.ts";
import { colorPixels, openViewer, realErrors, type ViewerPage, viewerSession, waitFor } from "./harness.ts";
import { kitchenSinkChunks, markdownChunks, scalarChunks, textLogChunks, writeRecording } from "./recordings.ts";

const TIMEOUT_MS = 120_000;
const pages: ViewerPage[] = [];

const session = viewerSession(() => Served.start([
  writeRecording("plots", scalarChunks(2000), "plots"),
  writeRecording("logs", textLogChunks(30), "logs"),
  writeRecording("doc", markdownChunks(), "docs"),
  writeRecording("kitchen", kitchenSinkChunks(20), "kitchen-sink"),
]), TIMEOUT_MS);

async function open(recording: string): Promise<ViewerPage> {
  const v = await openViewer(session.browser, `${session.served.base}/?recording=${recording}`, { width: 1400, height: 900 });
  pages.push(v);
  await v.page.waitForSelector(".view-panel", { timeout: 20_000 });
  return v;
}

/** Pixels near `rgb` in a screenshot of the first canvas of view `id`. */
async function pixels(v: ViewerPage, id: string, rgb: [number, number, number], tol = 30): Promise<number> {
  const png = await v.page.locator(`[data-view-id="${id}"] canvas`).first().screenshot();
  return (await colorPixels(v.page, png, rgb, tol)).length;
}

describe("generated recordings", () => {
  test("scalars → one time-series view with the SeriesLine colors and names; the legend toggles a series", async () => {
    const v = await open("plots");
    const id = "timeseries:/";
    await v.page.locator(`[data-view-id="${id}"] .legend-item`, { hasText: "sine" }).first().waitFor();
    expect(await v.page.locator(".legend-item").allTextContents()).toEqual(["cosine", "sine"]);
    expect(await v.page.locator('select[aria-label="Timeline"]').inputValue()).toBe("step");
    await waitFor(async () => (await pixels(v, id, [255, 48, 48])) > 200, "red sine pixels");
    expect(await pixels(v, id, [48, 128, 255])).toBeGreaterThan(200);
    await v.page.locator(".legend-item", { hasText: /^sine$/ }).click();
    await waitFor(async () => (await pixels(v, id, [255, 48, 48])) < 5, "the sine hidden");
    expect(await pixels(v, id, [48, 128, 255])).toBeGreaterThan(200);
  }, TIMEOUT_MS);

  test("text log lines are listed up to the cursor, filtered by level and text", async () => {
    const v = await open("logs");
    const rows = v.page.locator('[data-kind="textlog"] tbody tr');
    await waitFor(async () => (await rows.count()) === 30, "30 log rows");
    expect(await rows.nth(29).textContent()).toBe("#29/logs/appERRORline 29 <b>not bold</b>");
    await v.page.locator(".level-toggle", { hasText: "ERROR" }).locator("input").uncheck();
    await waitFor(async () => (await rows.count()) === 20, "20 rows without ERROR");
    await v.page.fill('input[aria-label="Filter log text"]', "line 2");
    await waitFor(async () => (await rows.count()) === 6, "lines 21, 22, 24, 25, 27, 28 (2, 20, 23, 26, 29 are errors)");
    await v.page.fill('input[aria-label="Filter log text"]', "");
    await v.page.locator(".level-toggle", { hasText: "ERROR" }).locator("input").check();
    await v.page.locator(".time-canvas").focus();
    await v.page.keyboard.press("Home");
    await waitFor(async () => (await rows.count()) === 1, "only line 0 at #0");
    await v.page.keyboard.press("ArrowRight");
    await waitFor(async () => (await rows.count()) === 2, "two lines at #1");
    expect(await v.page.locator(".current-time").textContent()).toBe("#1");
  }, TIMEOUT_MS);

  test("a markdown document is rendered; its <script>, handlers and javascript: links stay inert", async () => {
    const v = await open("doc");
    const doc = v.page.locator('[data-kind="textdoc"] .text-document');
    await doc.locator("h1", { hasText: "Hello markdown" }).waitFor();
    expect(await doc.locator("strong").textContent()).toBe("bold");
    expect(await doc.locator("li").allTextContents()).toEqual(["one", "two"]);
    expect(await doc.locator("a").getAttribute("href")).toBe("https://rerun.io");
    expect(await doc.locator("script, img, iframe, [onerror]").count()).toBe(0);
    expect(await doc.textContent()).toContain("<script>window.__pwned = 1</script>");
    await Bun.sleep(300);
    expect(await v.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
  }, TIMEOUT_MS);

  test("one of everything: the 3D, 2D, bar chart and tensor views Rerun would spawn, with their pixels", async () => {
    const v = await open("kitchen");
    const ids = ["spatial3d:/world", "spatial2d:/world/camera", "spatial2d:/segmentation", "spatial2d:/depth", "spatial2d:/photo", "barchart:/bars", "tensor:/tensor"];
    await waitFor(async () => (await v.page.locator(".view-panel").count()) === ids.length, "seven views");
    const got = await v.page.locator(".view-panel").evaluateAll((els) => els.map((e) => e.getAttribute("data-view-id")));
    expect(got.sort()).toEqual([...ids].sort());
    await waitFor(async () => (await pixels(v, "spatial2d:/photo", [40, 200, 90], 8)) > 500, "the decoded PNG");
    // Segmentation classes from the root AnnotationContext at 50 % opacity: magenta (car) and cyan (road).
    await waitFor(async () => (await pixels(v, "spatial2d:/segmentation", [138, 12, 140], 12)) > 300, "car-colored segmentation");
    expect(await pixels(v, "spatial2d:/segmentation", [10, 139, 140], 12)).toBeGreaterThan(300);
    expect(await pixels(v, "spatial2d:/world/camera", [255, 0, 255], 10)).toBeGreaterThan(10);
    expect(await pixels(v, "barchart:/bars", [224, 160, 48], 10)).toBeGreaterThan(500);
    expect(await pixels(v, "spatial3d:/world", [255, 128, 0], 40)).toBeGreaterThan(20);
    expect(await v.page.locator('[data-kind="tensor"] .view-toolbar').textContent()).toContain("shape [batch=4, height=16, width=16]");
    await v.page.locator('[data-view-id="spatial3d:/world"] .max-button').click();
    await waitFor(async () => (await v.page.locator(".view-panel").count()) === 1, "the maximised 3D view alone");
    await v.page.keyboard.press("Escape");
    await waitFor(async () => (await v.page.locator(".view-panel").count()) === ids.length, "all views back");
  }, TIMEOUT_MS);

  test("the dataframe view of an entity lists its rows; a row click moves the cursor", async () => {
    const v = await open("kitchen");
    await v.page.locator(".tree-row", { hasText: "world" }).locator(".twisty").click();
    await v.page.locator(".entity-name", { hasText: /^boxes$/ }).click();
    await v.page.locator("#selection button", { hasText: "Dataframe" }).click();
    const rows = v.page.locator('[data-view-id="dataframe:/world/boxes"] tbody tr');
    await waitFor(async () => (await rows.count()) === 20, "20 rows of /world/boxes");
    expect(await v.page.locator('[data-view-id="dataframe:/world/boxes"] th').allTextContents()).toEqual(["frame", "Color", "HalfSize3D", "PoseRotationQuat", "PoseTranslation3D", "Text"]);
    expect(await rows.nth(19).getAttribute("class")).toBe("current");
    await rows.nth(5).click();
    await waitFor(async () => (await v.page.locator(".current-time").textContent()) === "#5", "the cursor at #5");
    expect(await rows.nth(5).getAttribute("class")).toBe("current");
  }, TIMEOUT_MS);

  test("the recordings panel groups by application, switches recordings and downloads a readable .rrd", async () => {
    const v = await open("logs");
    expect(await v.page.locator(".app-name").allTextContents()).toEqual(["docs", "kitchen-sink", "logs", "plots"]);
    await v.page.locator(".recording-open", { hasText: "doc" }).click();
    await v.page.locator('[data-kind="textdoc"]').waitFor();
    expect(new URL(v.page.url()).searchParams.get("recording")).toBe("doc");
    const href = await v.page.locator('.recording.current a[download]').getAttribute("href");
    const res = await fetch(href!);
    expect(res.status).toBe(200);
    const msgs = decodeRrd(new Uint8Array(await res.arrayBuffer()));
    expect(msgs.some((m) => m.kind === "SetStoreInfo" && m.info.storeId.id === "doc")).toBe(true);
    expect(await v.page.locator('a[href$="/rerun/"]').count()).toBe(1);
  }, TIMEOUT_MS);

  test("no console errors on any page", () => {
    for (const p of pages) expect(realErrors(p.errors)).toEqual([]);
  });
});
