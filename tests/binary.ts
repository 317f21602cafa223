/** Builds the compiled `rerun` binary once per test run and runs it. */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBinary } from "../scripts/build.ts";

let built: string | null = null;

/** The path of a freshly compiled binary (built on first use). */
export function rerunBinary(): string {
  built ??= buildBinary(join(mkdtempSync(join(tmpdir(), "rerun-bin-")), "rerun"));
  return built;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the binary with `args`, feeding `stdin`, and collects its output. */
export function runRerun(args: string[], stdin?: Uint8Array): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(rerunBinary(), args, { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [], err: Buffer[] = [];
    p.stdout.on("data", (d: Buffer) => out.push(d));
    p.stderr.on("data", (d: Buffer) => err.push(d));
    p.on("error", reject);
    p.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
    p.stdin.end(stdin ?? new Uint8Array(0));
  });
}
