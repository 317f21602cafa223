/** Runs SDK scripts as child processes (Bun, or Node on a bundle) and waits for them to exit. */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(import.meta.dir, "../..");
export const BUN = join(ROOT, "node_modules/.bin/bun");

export interface Exit {
  code: number | null;
  stdout: Uint8Array;
  stderr: string;
  ms: number;
}

/** Runs `cmd args` and resolves on exit (not on stdio close: a spawned viewer may inherit our pipes). */
export function run(cmd: string, args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    p.stdout!.on("data", (d: Buffer) => out.push(d));
    p.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      p.kill("SIGKILL");
      reject(new Error(`${cmd} ${args.join(" ")} did not exit within ${timeoutMs} ms; stderr:\n${err}`));
    }, timeoutMs);
    let ended = 0;
    let exit: { code: number | null; ms: number } | null = null;
    const finish = () => exit && resolve({ code: exit.code, stdout: new Uint8Array(Buffer.concat(out)), stderr: err, ms: exit.ms });
    p.stdout!.on("end", () => ++ended === 2 && finish());
    p.stderr!.on("end", () => ++ended === 2 && finish());
    p.on("error", reject);
    p.on("exit", (code) => {
      clearTimeout(timer);
      exit = { code, ms: performance.now() - t };
      if (ended === 2) finish();
      else setTimeout(finish, 2000);
    });
  });
}

/** Runs a TS script under Bun. */
export function runBun(script: string, args: string[] = [], env: Record<string, string> = {}): Promise<Exit> {
  return run(BUN, [script, ...args], env);
}

/** Bundles a TS script for Node (`bun build --target=node`) into a temp dir; returns the .mjs path. */
export function bundleForNode(script: string): string {
  const out = join(mkdtempSync(join(tmpdir(), "sdk-node-")), "script.mjs");
  const r = spawnSync(BUN, ["build", script, "--target=node", "--outfile", out], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bun build failed: ${r.stderr}`);
  return out;
}

/** A fresh temp directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "sdk-test-"));
}
