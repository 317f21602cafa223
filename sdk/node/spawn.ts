/**
 * Starting a viewer as Rerun's SDKs do: if something listens on the port, assume it is a viewer;
 * else run `rerun` from PATH (or $RERUN_BIN) detached, with exactly Python's flags, and wait until
 * it accepts connections.
 */
import { spawn } from "node:child_process";
import net from "node:net";
import process from "node:process";
import { envVar } from "../env.ts";
import type { SpawnOptions } from "../runtime.ts";
import { RerunError } from "../warn.ts";

const READY_TIMEOUT_MS = 15_000;

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function canConnect(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

/** The viewer's command line. */
function spawnArgs(o: SpawnOptions): string[] {
  return [`--port=${o.port}`, `--memory-limit=${o.memoryLimit}`, "--expect-data-soon", ...(o.hideWelcomeScreen ? ["--hide-welcome-screen"] : [])];
}

/** Starts (or finds) a viewer on `o.port`; resolves once it listens. */
export async function spawnViewer(o: SpawnOptions): Promise<void> {
  if (await canConnect(o.port)) return;
  const exe = envVar("RERUN_BIN") ?? "rerun";
  const child = spawn(exe, spawnArgs(o), { detached: true, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, RERUN_APP_ONLY: "true" } });
  let failure: string | null = null;
  child.once("error", (e: NodeJS.ErrnoException) => {
    failure = e.code === "ENOENT" ? `Failed to find Rerun Viewer executable in PATH (${exe}). Install it, or set RERUN_BIN.` : `Failed to spawn the Rerun Viewer process: ${e.message}`;
  });
  child.once("exit", (code) => (failure ??= `the Rerun Viewer (${exe}) exited with code ${code} before listening on port ${o.port}`));
  child.unref();
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (failure) throw new RerunError(failure);
    if (await canConnect(o.port, 200)) return;
    if (Date.now() > deadline) throw new RerunError(`the Rerun Viewer did not listen on port ${o.port} within ${READY_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
