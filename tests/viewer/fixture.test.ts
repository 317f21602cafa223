/**
 * Our viewer on the real 0.22.1 fixture (Points3D at /env_0..3/{robot,target}, frame 0..49) served by
 * the compiled binary, in headless Chromium: the expected views, the logged colours on screen where
 * the points are, scrubbing, selecting a point, no console errors.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { FIXTURE_DIR, POINTS_022 } from "../fixtures.ts";
import { Served } from "../web/harness.ts";
import { clusters, colorPixels, openViewer, realErrors, type ViewerPage, viewerSession, waitFor } from "./harness.ts";

const TIMEOUT_MS = 120_000;
const BLUE: [number, number, number] = [0, 0, 255];
const GREEN: [number, number, number] = [0, 255, 0];
let v: ViewerPage;

/** The colored blobs in a screenshot of the 3D view. */
async function blobs(rgb: [number, number, number]) {
  const png = await v.page.locator('[data-kind="spatial3d"] canvas').screenshot();
  return clusters(await colorPixels(v.page, png, rgb, 30), 3).filter((c) => c.n >= 4);
}

const session = viewerSession(() => Served.start([FIXTURE_DIR + POINTS_022]), TIMEOUT_MS);
beforeAll(async () => {
  v = await openViewer(session.browser, `${session.served.base}/`);
}, TIMEOUT_MS);

describe("the 0.22.1 multi-env Points3D fixture", () => {
  test("one 3D view at the root, the entity tree, the frame timeline at its end", async () => {
    const page = v.page;
    await page.waitForSelector('[data-view-id="spatial3d:/"]', { timeout: 20_000 });
    expect(await page.locator(".view-panel").count()).toBe(1);
    expect(await page.locator(".app-name").textContent()).toBe("Multi-Environment Training - 3D");
    for (const env of ["env_0", "env_1", "env_2", "env_3"]) await page.locator(".entity-name", { hasText: env }).waitFor();
    expect(await page.locator('select[aria-label="Timeline"]').inputValue()).toBe("frame");
    await waitFor(async () => (await page.locator(".current-time").textContent()) === "#49", "the cursor at #49");
  }, TIMEOUT_MS);

  test("the screenshot shows four blue robots and four green targets, side by side", async () => {
    const blue = await waitFor(async () => ((await blobs(BLUE)).length >= 4 ? blobs(BLUE) : null), "four blue blobs");
    const green = await blobs(GREEN);
    expect(blue.length).toBe(4);
    expect(green.length).toBe(4);
    const box = (await v.page.locator('[data-kind="spatial3d"] canvas').boundingBox())!;
    for (const c of [...blue, ...green]) {
      expect(c.x).toBeGreaterThan(box.width * 0.05);
      expect(c.x).toBeLessThan(box.width * 0.95);
      expect(c.y).toBeGreaterThan(box.height * 0.1);
      expect(c.y).toBeLessThan(box.height * 0.9);
    }
    // The environments are 5 m apart along x (screen right): blobs spread across the view, robots bigger than targets.
    const xs = blue.map((c) => c.x).sort((a, b) => a - b);
    expect(xs[3]! - xs[0]!).toBeGreaterThan(box.width * 0.25);
    const mean = (l: { n: number }[]) => l.reduce((s, c) => s + c.n, 0) / l.length;
    expect(mean(blue)).toBeGreaterThan(mean(green));
  }, TIMEOUT_MS);

  test("scrubbing to frame 0 moves the points", async () => {
    const before = (await blobs(BLUE)).map((c) => [Math.round(c.x), Math.round(c.y)]);
    const ruler = (await v.page.locator(".time-canvas").boundingBox())!;
    await v.page.mouse.click(ruler.x + 2, ruler.y + 30);
    await waitFor(async () => (await v.page.locator(".current-time").textContent()) === "#0", "the cursor at #0");
    const after = await waitFor(async () => {
      const now = (await blobs(BLUE)).map((c) => [Math.round(c.x), Math.round(c.y)]);
      return JSON.stringify(now) !== JSON.stringify(before) && now.length === 4 ? now : null;
    }, "the robots to move");
    expect(after.length).toBe(4);
    await v.page.keyboard.press("End");
    await waitFor(async () => (await v.page.locator(".current-time").textContent()) === "#49", "End back to #49");
  }, TIMEOUT_MS);

  test("clicking a robot selects that instance and shows its values at the cursor", async () => {
    const blue = await blobs(BLUE);
    const canvas = (await v.page.locator('[data-kind="spatial3d"] canvas').boundingBox())!;
    const target = [...blue].sort((a, b) => a.x - b.x)[0]!;
    await v.page.mouse.click(canvas.x + target.x, canvas.y + target.y);
    const panel = v.page.locator("#selection");
    await waitFor(async () => /\/env_\d\/robot/.test((await panel.locator(".sel-path").textContent()) ?? ""), "a robot selected");
    await panel.locator(".sel-instance", { hasText: "Instance #0" }).waitFor();
    await waitFor(async () => (await panel.locator("td.comp").allTextContents()).includes("Position3D"), "the Position3D row");
    const text = (await panel.textContent())!;
    expect(text).toContain("Points3D");
    expect(text).toContain("#0000FFFF");
    expect(text).toContain("0.105");
    expect(text).toMatch(/Position3D\[[-\d.]+, [-\d.]+, 0\]#49/);
    // The entity tree reveals and marks the selected entity.
    expect(await v.page.locator(".tree-row.selected .entity-name").textContent()).toBe("robot");
  }, TIMEOUT_MS);

  test("hovering a point shows a tooltip; hiding an entity removes it from the view", async () => {
    const canvas = (await v.page.locator('[data-kind="spatial3d"] canvas').boundingBox())!;
    const robot = [...(await blobs(BLUE))].sort((a, b) => a.x - b.x)[0]!;
    await v.page.mouse.move(canvas.x + robot.x, canvas.y + robot.y);
    await waitFor(async () => /\/env_\d\/robotinstance #0/.test((await v.page.locator(".tooltip").textContent()) ?? ""), "the hover tooltip");
    await v.page.mouse.move(canvas.x + 2, canvas.y + 2);
    await v.page.locator(".tree-row", { hasText: "env_3" }).locator(".eye").click();
    await waitFor(async () => (await blobs(BLUE)).length === 3, "three robots left");
    expect((await blobs(GREEN)).length).toBe(3);
    await v.page.locator(".tree-row", { hasText: "env_3" }).locator(".eye").click();
    await waitFor(async () => (await blobs(BLUE)).length === 4, "four robots again");
  }, TIMEOUT_MS);

  test("Space plays from the start and pauses; the arrows step one frame", async () => {
    const time = () => v.page.locator(".current-time").textContent();
    await v.page.locator(".time-canvas").focus();
    await v.page.keyboard.press("Space");
    await waitFor(async () => ["#0", "#1", "#2", "#3"].includes((await time()) ?? ""), "playback restarting at the beginning");
    await waitFor(async () => Number((await time())!.slice(1)) >= 10, "playback advancing");
    await v.page.keyboard.press("Space");
    const paused = (await time())!;
    await Bun.sleep(300);
    expect(await time()).toBe(paused);
    await v.page.keyboard.press("ArrowRight");
    expect(await time()).toBe(`#${Number(paused.slice(1)) + 1}`);
    await v.page.keyboard.press("ArrowLeft");
    await v.page.keyboard.press("ArrowLeft");
    expect(await time()).toBe(`#${Number(paused.slice(1)) - 1}`);
  }, TIMEOUT_MS);

  test("no console errors", () => {
    expect(realErrors(v.errors)).toEqual([]);
  });
});
