/**
 * Server runtimes (Bun, Deno, Node ≥ 20) through node:* modules only: TCP, files, stdout, spawning,
 * AsyncLocalStorage time contexts, and the exit hooks that flush every recording:
 * - `beforeExit` (the event loop ran dry: the script ended normally) sends pending rows; the TCP
 *   socket stays ref'd until they are written, so the process lives exactly that long;
 * - `exit` (also after `process.exit()`) flushes synchronously: files and stdout get all rows and
 *   their end marker; TCP gets a best-effort write. Await `flush()` before calling `process.exit()`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import process from "node:process";
import type { TimeContext } from "../context.ts";
import { setContextStore } from "../context.ts";
import { live } from "../recording.ts";
import { installRuntime } from "../runtime.ts";
import { fileSink, stdoutSink } from "./files.ts";
import { spawnViewer } from "./spawn.ts";
import { TcpSink } from "./tcp.ts";

installRuntime({
  tcpSink: (addr, opts, hello) => new TcpSink(addr, opts, hello),
  fileSink,
  stdoutSink,
  spawnViewer,
  readFile: (path) => new Uint8Array(readFileSync(path)),
});
setContextStore(new AsyncLocalStorage<TimeContext>());
process.on("beforeExit", () => {
  for (const rec of live) rec.exitFlush();
});
process.on("exit", () => {
  for (const rec of live) rec.exitSync();
});
