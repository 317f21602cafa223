/** The `rerun [FILES…]` process: SDK server, ingest, sinks and sources, wired together. */
import type { RunOptions } from "../cli/args.ts";
import { Hub } from "../store/db/hub.ts";
import type { LogMsg } from "../store/logmsg.ts";
import { reachableHosts } from "./addresses.ts";
import { openBrowser } from "./browser.ts";
import { Ingest } from "./ingest.ts";
import type { LogFn } from "./log.ts";
import { RrdFileSink } from "./save.ts";
import { loadSource } from "./sources.ts";
import { Forwarder, probe } from "./tcp/forward.ts";
import { startSdkServer } from "./tcp/server.ts";
import { startWeb, type Web } from "./web.ts";

/** How long `--test-receive` waits for the first message. */
const TEST_RECEIVE_TIMEOUT_MS = 12_000;
/** On shutdown, how long connected SDKs get to deliver what they already sent. */
const SHUTDOWN_DRAIN_MS = 1000;

/** Something that takes every received message (the store, the relay…). */
export interface Consumer {
  add(msg: LogMsg): void;
}

/** Runs the process role; resolves with the exit code once it should end. */
export async function run(opts: RunOptions, log: LogFn): Promise<number> {
  if (opts.port !== 0) {
    const socket = await probe("127.0.0.1", opts.port);
    if (socket) return forwardToRunning(opts, socket, log);
  }
  const memoryLimit = opts.web === "none" ? opts.memoryLimit : opts.serverMemoryLimit;
  const hub = new Hub({ memoryLimit });
  const consumers: Consumer[] = [hub];

  const sink = opts.save ? new RrdFileSink(opts.save) : null;
  let received = 0;
  const ingest = new Ingest({
    consume: (msg) => {
      received++;
      sink?.write(msg);
      for (const c of consumers) c.add(msg);
    },
    memory: memoryLimit === null ? undefined : { limit: memoryLimit, store: hub },
    // With --drop-at-latency the queue may grow: the congestion law reads its age, and a paused
    // socket would keep the backlog in the clients, where nothing can be dropped.
    onPressure: (high) => opts.dropAtLatencySec === null && tcp.setPaused(high),
    onError: (e) => log("warn", `Failed to add incoming msg: ${e.message}`),
  });
  const goodbyes: (() => void)[] = [];
  const tcp = await startSdkServer({
    bind: opts.bind,
    port: opts.port,
    maxLatencySec: opts.dropAtLatencySec ?? undefined,
    quiet: true,
    log,
    onMessages: (msgs, _client, more) => ingest.push(msgs, more),
    onClientClosed: () => goodbyes.forEach((g) => g()),
    queueLatencySec: () => ingest.latencySec(),
    onDropped: (bytes) => ingest.discarded(bytes),
  });
  const hosts = reachableHosts(opts.bind);
  log("info", `rerun: SDK server listening on ${opts.bind}:${tcp.port} — from Python: rr.connect_tcp("${hosts[0]}:${tcp.port}")`);
  for (const h of hosts.slice(1)) log("info", `       from another machine: rr.connect_tcp("${h}:${tcp.port}")`);
  if (sink) log("info", `rerun: saving everything received to ${sink.path}`);
  let web: Web | null = null;
  if (opts.web !== "none") {
    try {
      web = await startWeb(hub, opts, log);
    } catch (e) {
      await tcp.close();
      sink?.close();
      throw e;
    }
    if (opts.web === "viewer") openBrowser(web.url, log);
  }

  const loads = opts.sources.map((s) => loadSource(s, (msgs) => ingest.push(msgs), log));
  const sourcesDone = Promise.all(loads).then(() => ingest.idle());

  const stopped = new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      log("debug", `received ${signal}, shutting down`);
      resolve(0);
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });

  let code: number;
  if (opts.testReceive) {
    code = await Promise.race([stopped, testReceive(() => received, sourcesDone, goodbyes, ingest, opts.sources.length > 0, log)]);
  } else if (opts.web === "none" && opts.sources.length > 0 && !opts.save) {
    await sourcesDone;
    code = 0;
  } else {
    code = await stopped;
  }
  await tcp.close(SHUTDOWN_DRAIN_MS);
  await ingest.idle();
  if (sink) {
    sink.close();
    log("info", `File saved to ${sink.path}`);
  }
  await web?.close();
  return code;
}

/** `--test-receive`: 0 once data arrived and its source said goodbye; 1 after 12 s with nothing. */
function testReceive(
  received: () => number,
  sourcesDone: Promise<unknown>,
  goodbyes: (() => void)[],
  ingest: Ingest,
  hasSources: boolean,
  log: LogFn,
): Promise<number> {
  return new Promise((resolve) => {
    const check = () => void ingest.idle().then(() => received() > 0 && resolve(0));
    goodbyes.push(check);
    if (hasSources) void sourcesDone.then(check);
    setTimeout(() => {
      if (received() > 0) return;
      log("error", `No data received within ${TEST_RECEIVE_TIMEOUT_MS / 1000} s`);
      resolve(1);
    }, TEST_RECEIVE_TIMEOUT_MS).unref?.();
  });
}

/** Another rerun already listens on the port: hand it our sources as an SDK client, then exit. */
async function forwardToRunning(opts: RunOptions, socket: import("node:net").Socket, log: LogFn): Promise<number> {
  if (opts.sources.length === 0) {
    socket.destroy();
    log("info", `rerun: a Rerun server is already running on port ${opts.port}; nothing to do (pass files to send them to it)`);
    return 0;
  }
  const fwd = new Forwarder(socket);
  let failed = false;
  for (const source of opts.sources) {
    const n = await loadSource(source, async (msgs) => {
      for (const m of msgs) await fwd.send(m);
    }, log);
    if (n < 0) failed = true;
  }
  await fwd.end();
  log("info", `rerun: sent ${opts.sources.join(", ")} to the Rerun server already running on port ${opts.port}`);
  return failed ? 1 : 0;
}
