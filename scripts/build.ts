/** Builds the single `dist/rerun` executable with `bun build --compile`. */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";

/** Compiles main.ts (and everything it imports) into one binary; returns its path. */
export function buildBinary(outfile = "dist/rerun"): string {
  mkdirSync("dist", { recursive: true });
  const r = spawnSync(process.execPath, ["build", "--compile", "--minify", "--sourcemap", "main.ts", "--outfile", outfile], { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`bun build --compile failed with exit code ${r.status}`);
  return outfile;
}

if (import.meta.main) buildBinary();
