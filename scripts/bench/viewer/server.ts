/** `rerun --serve-web` (the compiled binary) on free loopback ports for the viewer benchmark, and the wait until its files are loaded. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBinary } from "../../build.ts";

let built: string | null = null;

/** The compiled binary, built once per process into a temporary directory (never dist/, which others may be using), removed at exit. */
export function benchBinary(): string {
  if (!built) {
    const dir = mkdtempSync(join(tmpdir(), "rerun-bench-viewer-bin-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    built = buildBinary(join(dir, "rerun"));
  }
  return built;
}

/** What /api/recordings says about one recording. */
export interface RecordingSummary {
  id: string;
  applicationId: string | null;
  rows: number;
  sizeBytes: number;
}

export class ViewerServer {
  private stderr = "";
  private constructor(readonly proc: ChildProcess, readonly httpPort: number, readonly wsPort: number) {}

  /** Starts `binary --serve-web … files` and waits for its ports. */
  static async start(binary: string, files: string[], extra: string[] = []): Promise<ViewerServer> {
    const proc = spawn(binary, ["--serve-web", "--bind", "127.0.0.1", "--port", "0", "--web-viewer-port", "0", "--ws-server-port", "0", ...extra, ...files], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const http = /web viewer on http:\/\/[^/]+:(\d+)\//.exec(err), ws = /WebSocket server on ws:\/\/[^\s]+:(\d+)/.exec(err);
      if (http && ws) {
        const s = new ViewerServer(proc, Number(http[1]), Number(ws[1]));
        proc.stderr!.on("data", (d: Buffer) => (s.stderr += d.toString()));
        return s;
      }
      if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`rerun --serve-web did not start:\n${err}`);
      await Bun.sleep(20);
    }
  }

  get base(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  async recordings(): Promise<RecordingSummary[]> {
    const list = (await (await fetch(`${this.base}/api/recordings`)).json()) as (RecordingSummary & { kind: string })[];
    return list.filter((r) => r.kind === "Recording");
  }

  /** Waits until every application id in `rows` has at least that many rows; returns the recordings by application id. */
  async loaded(rows: Record<string, number>, timeoutMs = 300_000): Promise<Map<string, RecordingSummary>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const byApp = new Map((await this.recordings()).map((r) => [r.applicationId ?? "", r]));
      if (Object.entries(rows).every(([app, n]) => (byApp.get(app)?.rows ?? 0) >= n)) return byApp;
      if (this.proc.exitCode !== null || Date.now() > deadline) throw new Error(`recordings not loaded (have ${JSON.stringify([...byApp.values()])}); stderr:\n${this.stderr}`);
      await Bun.sleep(100);
    }
  }

  /** Resident memory of the server process (bytes). */
  async rss(): Promise<number> {
    const status = await Bun.file(`/proc/${this.proc.pid}/status`).text();
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise((r) => this.proc.once("exit", r));
    this.proc.kill("SIGTERM");
    await exited;
  }
}
