/**
 * Builds the publishable `@rerun-ts/sdk` package into sdk/dist: ESM bundles for server runtimes
 * (index.js) and browsers (browser.js) with the ../store code they use bundled in, plus type
 * declarations (sdk/dist/types, store's included). `bun scripts/build-sdk.ts`.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..");
const DIST = join(ROOT, "sdk/dist");

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed with exit code ${r.status}`);
}

/** Bundles and declares the SDK; returns the output directory. */
export function buildSdk(): string {
  rmSync(DIST, { recursive: true, force: true });
  const bun = process.execPath;
  run(bun, ["build", "sdk/index.ts", "--target=node", "--format=esm", "--outfile", "sdk/dist/index.js"]);
  run(bun, ["build", "sdk/browser.ts", "--target=browser", "--format=esm", "--outfile", "sdk/dist/browser.js"]);
  run(join(ROOT, "node_modules/.bin/tsc"), ["-p", "sdk/tsconfig.build.json"]);
  return DIST;
}

if (import.meta.main) buildSdk();
