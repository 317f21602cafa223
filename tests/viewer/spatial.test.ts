/**
 * Our viewer's spatial visualizers beyond the basics, checked by counting saturated colors in
 * screenshots: Asset3D models (STL, OBJ, GLB, glTF JSON) posed by their transforms, keypoint
 * connections in 2D and 3D, selection highlights of lines, boxes and meshes, and depth images
 * back-projected into point clouds under a pinhole.
 */
import { describe, expect, test } from "bun:test";
import { Served } from "../web/harness.ts";
import { colorPixels, openViewer, realErrors, type ViewerPage, viewerSession, waitFor } from "./harness.ts";
import { glbCube, gltfJsonCube, objTriangle, stlCube } from "./models.ts";
import { assetChunks, depthCloudChunks, keypointChunks, png, selectableChunks, writeRecording } from "./recordings.ts";

const TIMEOUT_MS = 120_000;
const SHOTS = process.env.VIEWER_SHOTS;
const pages: ViewerPage[] = [];

const session = viewerSession(() => Served.start([
  writeRecording("assets", assetChunks({ stl: stlCube(0.75), obj: objTriangle(1.5), glb: glbCube(0.75, png(2, 2, [0, 0, 255])), gltf: gltfJsonCube(0.75, [1, 0, 1]) })),
  writeRecording("keypoints", keypointChunks()),
  writeRecording("selectable", selectableChunks()),
  writeRecording("depth", depthCloudChunks()),
]), TIMEOUT_MS);

async function open(recording: string, views: number): Promise<ViewerPage> {
  const v = await openViewer(session.browser, `${session.served.base}/?recording=${recording}`, { width: 1200, height: 800 });
  pages.push(v);
  await waitFor(async () => (await v.page.locator(".view-panel").count()) === views, `${views} views of ${recording}`);
  return v;
}

/** The pixels near `rgb` in a screenshot of view `id`'s canvas (saved under $VIEWER_SHOTS as `name`.png when set). */
async function pixels(v: ViewerPage, id: string, rgb: [number, number, number], tol: number, name?: string): Promise<[number, number][]> {
  const shot = await v.page.locator(`[data-view-id="${id}"] canvas`).first().screenshot(SHOTS && name ? { path: `${SHOTS}/${name}.png` } : {});
  return colorPixels(v.page, shot, rgb, tol);
}

/** Waits until more than `min` pixels of view `id` are near `rgb`; returns them. */
async function waitPixels(v: ViewerPage, id: string, rgb: [number, number, number], tol: number, min: number, what: string, name?: string): Promise<[number, number][]> {
  let px: [number, number][] = [];
  await waitFor(async () => (px = await pixels(v, id, rgb, tol, name)).length > min, what);
  return px;
}

const meanX = (px: [number, number][]) => px.reduce((s, p) => s + p[0], 0) / px.length;
const width = (px: [number, number][]) => Math.max(...px.map((p) => p[0])) - Math.min(...px.map((p) => p[0]));
const height = (px: [number, number][]) => Math.max(...px.map((p) => p[1])) - Math.min(...px.map((p) => p[1]));

describe("spatial visualizers", () => {
  test("Asset3D: STL, OBJ, GLB and glTF JSON models in their albedo or texture colors, left to right as translated", async () => {
    const v = await open("assets", 1);
    const view = "spatial3d:/";
    const red = await waitPixels(v, view, [255, 0, 0], 90, 300, "the red STL cube");
    const green = await waitPixels(v, view, [0, 255, 0], 90, 100, "the green OBJ triangle");
    const blue = await waitPixels(v, view, [0, 0, 255], 90, 300, "the blue textured GLB cube");
    const yellow = await waitPixels(v, view, [255, 255, 0], 90, 300, "the glTF cube in its yellow albedo", "assets");
    expect((await pixels(v, view, [255, 0, 255], 90)).length).toBeLessThan(20);
    const xs = [red, green, blue, yellow].map(meanX);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // Selecting a model tints it.
    await v.page.locator(".tree-row", { hasText: "models" }).locator(".twisty").click();
    await v.page.locator(".entity-name", { hasText: /^stl$/ }).click();
    await waitPixels(v, view, [255, 115, 115], 50, red.length * 0.5, "the STL cube tinted white", "assets-selected");
    expect((await pixels(v, view, [0, 0, 255], 90)).length).toBeGreaterThan(blue.length * 0.8);
  }, TIMEOUT_MS);

  test("keypoint connections are drawn in the class color between the keypoints, in 2D and 3D", async () => {
    const v = await open("keypoints", 2);
    const green = await waitPixels(v, "spatial2d:/pose2d", [0, 255, 0], 60, 300, "green connections in 2D", "keypoints-2d");
    // Keypoints 0-1-2-3 at the corners of an 80 × 50 rectangle, joined 0-1, 1-2, 2-3: top, right and bottom edges, no left edge.
    expect(width(green)).toBeGreaterThan(height(green));
    expect(height(green)).toBeGreaterThan(width(green) * 0.4);
    const x0 = Math.min(...green.map((p) => p[0])), x1 = Math.max(...green.map((p) => p[0]));
    const y0 = Math.min(...green.map((p) => p[1])), y1 = Math.max(...green.map((p) => p[1]));
    const side = (x: number) => green.filter((p) => Math.abs(p[0] - x) < 4 && p[1] > y0 + 10 && p[1] < y1 - 10).length;
    expect(side(x1)).toBeGreaterThan(height(green) / 2);
    expect(side(x0)).toBe(0);
    const magenta = await waitPixels(v, "spatial3d:/", [255, 0, 255], 60, 300, "magenta connections in 3D", "keypoints-3d");
    expect(width(magenta)).toBeGreaterThan(100);
  }, TIMEOUT_MS);

  test("selecting a line strip, a box or a mesh entity highlights it", async () => {
    const v = await open("selectable", 1);
    const view = "spatial3d:/";
    const white = async (name: string) => (await pixels(v, view, [255, 255, 255], 25, name)).length;
    await waitFor(async () => (await pixels(v, view, [255, 0, 0], 60)).length > 300, "the red mesh");
    expect(await white("select-none")).toBeLessThan(10);
    const select = async (name: string) => {
      await v.page.locator(".entity-name", { hasText: new RegExp(`^${name}$`) }).click();
      await v.page.mouse.move(0, 0);
    };
    await select("strip");
    const yellow = await pixels(v, view, [255, 255, 0], 40);
    await waitFor(async () => (await white("select-strip")) > 150, "a white halo around the strip");
    const halo = await pixels(v, view, [255, 255, 255], 25);
    expect(Math.abs(meanX(halo) - meanX(yellow))).toBeLessThan(30);
    // The box by a click on one of its edges in the view.
    const cyan = await pixels(v, view, [0, 255, 255], 40);
    const canvas = (await v.page.locator(`[data-view-id="${view}"] canvas`).first().boundingBox())!;
    const [ex, ey] = cyan[Math.floor(cyan.length / 2)]!;
    await v.page.mouse.click(canvas.x + ex, canvas.y + ey);
    await v.page.mouse.move(0, 0);
    await waitFor(async () => (await white("select-box")) > 150, "a white halo around the box");
    expect(Math.abs(meanX(await pixels(v, view, [255, 255, 255], 25)) - meanX(cyan))).toBeLessThan(30);
    const red = (await pixels(v, view, [255, 0, 0], 60)).length;
    await select("mesh");
    await waitFor(async () => (await pixels(v, view, [255, 115, 115], 40, "select-mesh")).length > red * 0.8, "the mesh tinted white");
    expect((await pixels(v, view, [255, 0, 0], 60)).length).toBeLessThan(red * 0.2);
    expect(await white("select-mesh-white")).toBeLessThan(10);
  }, TIMEOUT_MS);

  test("a depth image under a pinhole becomes a point cloud at its depth, colored by the colormap", async () => {
    const v = await open("depth", 2);
    const view = "spatial3d:/";
    const lime = await waitPixels(v, view, [162, 252, 60], 40, 2000, "the lime depth cloud", "depth-cloud");
    const box = await pixels(v, view, [255, 0, 255], 60);
    expect(box.length).toBeGreaterThan(50);
    // 64 px at f = 50 and 4 m: 5.1 m wide (on the image plane at 0.5 m it would be 0.64 m), next to a 1 m box.
    const ratio = width(lime) / width(box);
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(10);
  }, TIMEOUT_MS);

  test("no console errors on any page", () => {
    for (const p of pages) expect(realErrors(p.errors)).toEqual([]);
  });
});
