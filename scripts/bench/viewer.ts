/**
 * The viewer benchmarks, in headless Debian chromium with software WebGL (SwiftShader):
 * B21 frame time while a view re-renders (1 M-point cloud orbited; 50 × 100 k scalars scrubbed and
 * zoomed) against an empty three.js scene; B22 a 2 GiB recording served by `rerun --serve-web`
 * (data on screen after navigation, scrub latency, browser memory, bytes downloaded against the
 * official viewer's). Recordings are written with our SDK into a temporary directory and deleted.
 *
 * `bun scripts/bench/viewer.ts [--size tiny|full] [B21] [B22]` prints the table (full: 5–10 minutes,
 * writes ~2.2 GB to the temporary directory and needs ~5 GB of RAM).
 */
import { cpus, totalmem } from "node:os";
import type { Scenario, Size } from "./scenario.ts";
import { formatTable } from "./table.ts";
import { frameTimeRows, notes } from "./viewer/frames.ts";
import { largeRecordingRows } from "./viewer/large.ts";

export { notes as viewerNotes } from "./viewer/frames.ts";

export const b21: Scenario = {
  id: "B21",
  title: "Viewer frame time (SwiftShader): 1 M-point cloud orbit, 50 × 100 k scalars scrub/zoom, vs an empty three.js scene",
  run: (size) => frameTimeRows(size),
};

export const b22: Scenario = {
  id: "B22",
  title: "Viewer on a 2 GiB recording served by rerun --serve-web: first paint, scrub latency, browser memory, bytes vs the official viewer",
  run: (size) => largeRecordingRows(size),
};

if (import.meta.main) {
  const args = process.argv.slice(2);
  let size: Size = "full";
  const ids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--size" && (args[i + 1] === "tiny" || args[i + 1] === "full")) size = args[++i] as Size;
    else if (/^B2[12]$/i.test(a)) ids.push(a.toUpperCase());
    else {
      console.error("usage: bun scripts/bench/viewer.ts [--size tiny|full] [B21] [B22]");
      process.exit(2);
    }
  }
  console.log(`${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, bun ${Bun.version}, size ${size}`);
  const rows = [];
  let failed = false;
  for (const s of [b21, b22].filter((s) => ids.length === 0 || ids.includes(s.id))) {
    const t = performance.now();
    try {
      rows.push(...(await s.run(size)));
    } catch (e) {
      failed = true;
      console.error(`${s.id} threw: ${(e as Error).stack ?? e}`);
    }
    console.error(`${s.id}: done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  console.log(formatTable(rows));
  console.log("Figures: median (min–max) of 5 timed runs after a warm-up (tiny: 2), ours and anchors interleaved run by run; memory and bytes: one reading; ratio = ours ÷ anchor.");
  for (const n of notes) console.log(`- ${n}`);
  process.exit(failed ? 1 : 0);
}
