/** The Deno runtime for tests that check our code runs under Deno too. */
import { spawnSync } from "node:child_process";

let path: string | null = null;

/** The deno 2.9.6 executable, through npx (from its cache when offline); throws if it cannot be had. */
export function denoPath(): string {
  if (path) return path;
  const r = spawnSync("npx", ["--yes", "deno@2.9.6", "eval", "console.log(Deno.execPath())"], { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`cannot run deno 2.9.6 through npx: ${r.stderr || r.error?.message}`);
  path = r.stdout.trim();
  return path;
}
