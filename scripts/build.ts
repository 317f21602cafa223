/**
 * Builds the single `dist/rerun` executable with `bun build --compile`: main.ts and everything it
 * imports, plus the asset pack (scripts/assets.ts) as an embedded file (`Bun.embeddedFiles`).
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const ROOT = join(import.meta.dirname, "..");

function bun(args: string[], what: string): void {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${what} failed with exit code ${r.status}`);
}

/** Packs the assets and compiles the binary to `outfile`; returns its path. */
export function buildBinary(outfile = "dist/rerun"): string {
  const out = resolve(outfile);
  const pack = join(dirname(out), "rerun-assets.pack");
  bun([join(ROOT, "scripts/assets.ts"), pack], "packing the viewer assets");
  bun(["build", "--compile", "--minify", "--sourcemap", join(ROOT, "main.ts"), pack, "--outfile", out], "bun build --compile");
  rmSync(join(dirname(out), "rerun-assets.js.map"), { force: true }); // an empty map Bun writes for the pack entry
  return outfile;
}

if (import.meta.main) buildBinary();
