import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { RerunProcess } from "./binary.ts";

/** The environment variable `name` of process `pid`, as the kernel holds it now. */
function envOf(pid: number, name: string): string | undefined {
  const vars = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
  return vars.find((v) => v.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** Starts the binary with `env`, waits for its SDK port, returns what its (same) process holds. */
async function started(env: Record<string, string | undefined>): Promise<{ value: string | undefined; port: number }> {
  const p = new RerunProcess(["--serve-web", "--bind", "127.0.0.1", "--port", "0", "--web-viewer-port", "0", "--ws-server-port", "0"], env);
  try {
    const port = await p.sdkPort();
    return { value: envOf(p.pid, "MIMALLOC_PURGE_DELAY"), port };
  } finally {
    p.kill("SIGKILL");
    await p.exited;
  }
}

describe("freed memory kept for reuse (server/malloc.ts)", () => {
  test("rerun restarts itself in place with MIMALLOC_PURGE_DELAY=-1 and its own arguments", async () => {
    const r = await started({ MIMALLOC_PURGE_DELAY: undefined }); // whatever the test runner's environment holds
    // The spawned PID now runs with the setting (execve), and it still took its arguments (port 0: a free port).
    expect(r.value).toBe("-1");
    expect(r.port).toBeGreaterThan(0);
  });

  test("a value the user set is kept", async () => {
    expect((await started({ MIMALLOC_PURGE_DELAY: "10" })).value).toBe("10");
  });
});
