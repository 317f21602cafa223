/**
 * The viewer benchmarks, in headless Debian chromium with software WebGL (SwiftShader):
 * B21 frame time while a view re-renders (1 M-point cloud orbited; 50 × 100 k scalars scrubbed and
 * zoomed) against an empty three.js scene; B22 a 2 GiB recording served by `rerun --serve-web`
 * (data on screen after navigation, scrub latency, browser memory, bytes downloaded against the
 * official viewer's). Recordings are written with our SDK into a temporary directory and deleted.
 *
 * `npm run bench -- B21 B22 [--size tiny]` prints the table (full: 5–10 minutes, writes ~2.2 GB to
 * the temporary directory and needs ~5 GB of RAM).
 */
import type { Scenario } from "./scenario.ts";
import { frameTimeRows, notes } from "./viewer/frames.ts";
import { largeRecordingRows } from "./viewer/large.ts";

export const b21: Scenario = {
  id: "B21",
  title: "Viewer frame time (SwiftShader): 1 M-point cloud orbit, 50 × 100 k scalars scrub/zoom, vs an empty three.js scene",
  run: (size) => frameTimeRows(size),
  notes: () => notes,
};

export const b22: Scenario = {
  id: "B22",
  title: "Viewer on a 2 GiB recording served by rerun --serve-web: first paint, scrub latency, browser memory, bytes vs the official viewer",
  run: (size) => largeRecordingRows(size),
};
