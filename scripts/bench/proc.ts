/** Child processes for the start-up and idle-memory scenarios: the compiled binary, its listening line, its RSS. */
import type { Subprocess } from "bun";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBinary } from "../build.ts";

/**
 * The plain default role (`rerun` with no flags: SDK server, web viewer and 0.22 relay, opening a browser
 * where there is a display) on free loopback ports, so that runs never meet a busy port or another rerun.
 */
export const DEFAULT_ROLE = ["--bind", "127.0.0.1", "--port", "0", "--web-viewer-port", "0", "--ws-server-port", "0"];
/** The line the default role prints once its last server (the HTTP port) listens. */
export const LISTENING = /rerun: Rerun 0\.22 web viewer on http:\/\/\S+\/rerun\//;

let built: string | null = null;

/** The compiled binary, built once per process into a temp dir that is removed at exit. */
export function benchBinary(): string {
  if (built) return built;
  const dir = mkdtempSync(join(tmpdir(), "rerun-bench-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return (built = buildBinary(join(dir, "rerun")));
}

/** The environment without a display, so that the default role prints its URL instead of opening a browser. */
function headlessEnv(): Record<string, string | undefined> {
  const { DISPLAY: _d, WAYLAND_DISPLAY: _w, ...env } = process.env;
  return env;
}

/** Spawns `cmd` and resolves once its stderr matches `line`: the child (still running) and the ms since the spawn. */
export async function spawnUntil(cmd: string[], line: RegExp, timeoutMs = 30_000): Promise<{ child: Subprocess; ms: number }> {
  const t = performance.now();
  const child = Bun.spawn({ cmd, stdin: "ignore", stdout: "ignore", stderr: "pipe", env: headlessEnv() });
  const reader = (child.stderr as ReadableStream<Uint8Array>).getReader();
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const dec = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`${cmd.join(" ")} ended before printing ${line}: ${text}`);
      text += dec.decode(value, { stream: true });
      if (line.test(text)) return { child, ms: performance.now() - t };
    }
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}

/** Spawns `cmd` without output (headless); the child. */
export function spawnQuiet(cmd: string[]): Subprocess {
  return Bun.spawn({ cmd, stdin: "ignore", stdout: "ignore", stderr: "ignore", env: headlessEnv() });
}

/** Kills a child and waits until it is reaped. */
export async function kill(child: Subprocess): Promise<void> {
  child.kill("SIGKILL");
  await child.exited;
}

/** Resident set size of a process in bytes (VmRSS of /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) * 1024;
}

/** The RSS of `pid` once it stops moving: 5 reads 100 ms apart within 1 % (at most `capMs` of waiting). */
export async function settledRss(pid: number, capMs = 5000): Promise<number> {
  const reads: number[] = [];
  const t = performance.now();
  for (;;) {
    await Bun.sleep(100);
    reads.push(rssBytes(pid));
    const last = reads.slice(-5);
    if (last.length === 5 && Math.max(...last) - Math.min(...last) <= 0.01 * Math.max(...last)) return last[4]!;
    if (performance.now() - t > capMs) return reads[reads.length - 1]!;
  }
}
