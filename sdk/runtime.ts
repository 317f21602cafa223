/**
 * What only server runtimes provide (sockets, files, processes). sdk/node/install.ts installs it for
 * Bun, Deno and Node through node:* modules; the browser build runs without it (binaryStream only).
 */
import type { LogMsg } from "../store/logmsg.ts";
import type { Sink } from "./sinks/sink.ts";
import { RerunError } from "./warn.ts";

/** Options of `connectTcp`. */
export interface TcpOptions {
  /** How long a flush (and the exit flush) waits for an unreachable server before dropping data. */
  flushTimeoutSec: number;
}

/** Options of `spawn`. */
export interface SpawnOptions {
  port: number;
  memoryLimit: string;
  hideWelcomeScreen: boolean;
}

/** The runtime services. */
export interface Runtime {
  /** A TCP client sink; `hello` gives the SetStoreInfo to send first on every reconnect. */
  tcpSink(addr: string, opts: TcpOptions, hello: () => LogMsg): Sink;
  /** An RRD file sink (LZ4, end marker on close). */
  fileSink(path: string): Sink;
  /** An RRD sink on standard output. */
  stdoutSink(): Sink;
  /** Starts a viewer on the port unless one listens there; resolves once it accepts connections. */
  spawnViewer(opts: SpawnOptions): Promise<void>;
  /** The bytes of a file. */
  readFile(path: string): Uint8Array;
}

let installed: Runtime | null = null;

/** Installs the runtime services (done by the package's main entry). */
export function installRuntime(r: Runtime): void {
  installed = r;
}

/** The runtime services, or a RerunError naming `what` needs them. */
export function runtime(what: string): Runtime {
  if (!installed) throw new RerunError(`${what} needs Bun, Deno or Node (the browser build has binaryStream() only)`);
  return installed;
}
