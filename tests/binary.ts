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

/** A running `rerun` process whose output the test can wait on. */
export class RerunProcess {
  stdout = "";
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly proc: ReturnType<typeof spawn>;

  /** Runs the compiled binary with `args`, or `command` (e.g. a runtime and main.ts) when given; an `env` value of undefined removes that variable. */
  constructor(args: string[], env: Record<string, string | undefined> = {}, command: string[] = [rerunBinary()]) {
    this.proc = spawn(command[0]!, [...command.slice(1), ...args], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...env } });
    this.proc.stdout!.on("data", (d: Buffer) => (this.stdout += d.toString()));
    this.proc.stderr!.on("data", (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.proc.on("exit", (code, signal) => resolve({ code, signal })));
  }

  /** The process id. */
  get pid(): number {
    return this.proc.pid!;
  }

  /** Writes to the process's stdin and closes it. */
  input(bytes: Uint8Array): void {
    this.proc.stdin!.end(bytes);
  }

  /** Waits until stderr matches `re` (or the process exits, or `timeoutMs` passes); returns the match. */
  async waitFor(re: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    for (;;) {
      const m = this.stderr.match(re);
      if (m) return m;
      if (exited || Date.now() > deadline) throw new Error(`rerun never printed ${re}; stderr so far:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The SDK port from the start-up line. */
  async sdkPort(): Promise<number> {
    return Number((await this.waitFor(/SDK server listening on [^\s]+:(\d+)/))[1]);
  }

  /** Sends a signal. */
  kill(signal: NodeJS.Signals = "SIGTERM"): void {
    this.proc.kill(signal);
  }
}
