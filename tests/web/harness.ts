/** Helpers of the web tests: a served `rerun` (compiled binary) with its ports, a raw relay client, raw HTTP, waiting. */
import net from "node:net";
import type { LogMsg } from "../../store/logmsg.ts";
import { RerunProcess } from "../binary.ts";
import { decodeRelayFrame } from "./bincode.ts";

/** Waits until `cond()` holds (polling every 20 ms); throws naming `what` after `timeoutMs`. */
export async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

/** A running `rerun` serving the web, with the ports it printed. */
export class Served {
  private constructor(readonly proc: RerunProcess, readonly sdkPort: number, readonly httpPort: number, readonly wsPort: number) {}

  /** Starts `rerun --serve-web` on free ports (127.0.0.1) with `args` added. */
  static start(args: string[] = [], env: Record<string, string> = {}): Promise<Served> {
    return Served.of(new RerunProcess(["--serve-web", "--bind", "127.0.0.1", "--port", "0", "--web-viewer-port", "0", "--ws-server-port", "0", ...args], env));
  }

  /** A started process, once it printed its three ports. */
  static async of(proc: RerunProcess): Promise<Served> {
    const sdk = await proc.sdkPort();
    const http = Number((await proc.waitFor(/rerun: web viewer on http:\/\/[^/]+:(\d+)\//))[1]);
    const ws = Number((await proc.waitFor(/WebSocket server on ws:\/\/[^\s]+:(\d+)/))[1]);
    return new Served(proc, sdk, http, ws);
  }

  /** `http://127.0.0.1:<http port>`. */
  get base(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  /** GET (or another request) on the HTTP port. */
  fetch(path: string, init?: RequestInit): Promise<Response> {
    return fetch(this.base + path, init);
  }

  /** Sends SIGTERM and waits for the exit. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.proc.kill("SIGTERM");
    return this.proc.exited;
  }
}

/** A 0.22 relay viewer over a raw WebSocket: every frame decoded, in order. */
export class RelayListener {
  readonly msgs: LogMsg[] = [];
  closed = false;
  private constructor(readonly ws: WebSocket) {
    ws.binaryType = "arraybuffer";
    ws.onmessage = (e) => this.msgs.push(decodeRelayFrame(new Uint8Array(e.data as ArrayBuffer)));
    ws.onclose = () => (this.closed = true);
  }

  /** Connects to ws://127.0.0.1:port. */
  static connect(port: number): Promise<RelayListener> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}`);
      const l = new RelayListener(ws);
      ws.onopen = () => resolve(l);
      ws.onerror = () => reject(new Error(`cannot connect to the relay on port ${port}`));
    });
  }

  /** Waits until `n` messages arrived. */
  count(n: number, timeoutMs?: number): Promise<void> {
    return until(() => this.msgs.length >= n, `${n} relay messages (have ${this.msgs.length})`, timeoutMs);
  }

  close(): void {
    this.ws.close();
  }
}

/** A GET with the path sent exactly as given (no client-side normalization): status and body. */
export function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    let text = "";
    socket.on("data", (d: Buffer) => (text += d.toString("latin1")));
    socket.on("error", reject);
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf("\r\n\r\n") + 4) });
    });
  });
}
