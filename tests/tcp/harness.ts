/** A real SDK server on 127.0.0.1 (free port) that records what it delivers, logs and closes, per client. */
import type { LogLevel } from "../../server/log.ts";
import { type ClientInfo, type SdkServer, type SdkServerOptions, startSdkServer } from "../../server/tcp/server.ts";
import type { LogMsg } from "../../store/logmsg.ts";

export interface Recorder {
  server: SdkServer;
  port: number;
  logs: [LogLevel, string][];
  /** Messages delivered for the client at `addr`, in order. */
  msgs(addr: string): LogMsg[];
  /** Resolves with the close reason (null = goodbye) once the server has closed `addr`. */
  closed(addr: string): Promise<string | null>;
  /** The logged texts at `level`. */
  texts(level: LogLevel): string[];
}

/** Starts a recording server; `opts` override the defaults. */
export async function record(opts: Partial<SdkServerOptions> = {}): Promise<Recorder> {
  const logs: [LogLevel, string][] = [];
  const delivered = new Map<string, LogMsg[]>();
  const waits = new Map<string, { promise: Promise<string | null>; resolve: (e: string | null) => void }>();
  const wait = (addr: string) => {
    let w = waits.get(addr);
    if (!w) {
      let resolve!: (e: string | null) => void;
      const promise = new Promise<string | null>((r) => (resolve = r));
      waits.set(addr, (w = { promise, resolve }));
    }
    return w;
  };
  const server = await startSdkServer({
    bind: "127.0.0.1",
    port: 0,
    log: (level, text) => level !== "trace" && logs.push([level, text]),
    onMessages: (msgs: LogMsg[], client: ClientInfo) => {
      const list = delivered.get(client.addr) ?? [];
      delivered.set(client.addr, list);
      list.push(...msgs);
    },
    onClientClosed: (client, error) => wait(client.addr).resolve(error),
    ...opts,
  });
  return {
    server,
    port: server.port,
    logs,
    msgs: (addr) => delivered.get(addr) ?? [],
    closed: (addr) => wait(addr).promise,
    texts: (level) => logs.filter(([l]) => l === level).map(([, t]) => t),
  };
}
