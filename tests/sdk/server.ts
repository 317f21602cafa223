/** Real SDK servers for the SDK tests: our startSdkServer collecting every message (optionally into a Hub), or a raw byte sink. */
import net from "node:net";
import { startSdkServer, type SdkServer } from "../../server/tcp/server.ts";
import { Hub } from "../../store/db/hub.ts";
import type { LogMsg } from "../../store/logmsg.ts";

/** A running SDK server and everything it received. */
export interface Collector {
  server: SdkServer;
  port: number;
  msgs: LogMsg[];
  hub: Hub;
  /** Close reasons, one per client that left (null = goodbye). */
  closes: (string | null)[];
  /** Resolves once `n` messages have arrived (rejects after `timeoutMs`). */
  until(n: number, timeoutMs?: number): Promise<LogMsg[]>;
}

/** Starts our TCP server on 127.0.0.1 (`port` 0 = a free one); messages also go into a Hub. */
export async function collect(port = 0): Promise<Collector> {
  const msgs: LogMsg[] = [];
  const closes: (string | null)[] = [];
  const hub = new Hub();
  const server = await startSdkServer({
    bind: "127.0.0.1",
    port,
    quiet: true,
    log: () => {},
    onMessages: (m) => {
      msgs.push(...m);
      for (const x of m) hub.add(x);
    },
    onClientClosed: (_, error) => closes.push(error),
  });
  const until = async (n: number, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (msgs.length < n) {
      if (Date.now() > deadline) throw new Error(`only ${msgs.length} of ${n} messages arrived`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return msgs;
  };
  return { server, port: server.port, msgs, hub, closes, until };
}

/** A plain TCP server that records the raw bytes of each connection. */
export async function rawSink(): Promise<{ port: number; bytes: () => Uint8Array; close: () => Promise<void> }> {
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("data", (d: Buffer) => chunks.push(d));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    bytes: () => new Uint8Array(Buffer.concat(chunks)),
    close: () => new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}
