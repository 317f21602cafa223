/** Builds the web viewer (viewer/) into static assets: viewer.js (minified bundle), index.html, viewer.css. */
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const VIEWER_DIR = new URL("../viewer/", import.meta.url).pathname;

/** Bundles viewer/main.ts and copies the page and its CSS into `outDir`; returns the written paths. */
export async function buildViewer(outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const result = await Bun.build({
    entrypoints: [join(VIEWER_DIR, "main.ts")],
    outdir: outDir,
    naming: "viewer.js",
    target: "browser",
    format: "esm",
    minify: true,
    sourcemap: "none",
  });
  if (!result.success) throw new Error(`viewer build failed:\n${result.logs.map(String).join("\n")}`);
  const files = result.outputs.map((o) => o.path);
  for (const name of ["index.html", "viewer.css"]) {
    copyFileSync(join(VIEWER_DIR, name), join(outDir, name));
    files.push(join(outDir, name));
  }
  const gz = files.reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0);
  console.error(`viewer: ${files.length} files, ${(gz / 1024).toFixed(1)} KiB gzipped`);
  return files;
}

if (import.meta.main) await buildViewer(process.argv[2] ?? "dist/viewer");
