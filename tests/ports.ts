/** Free TCP ports for tests that must name a port before starting a server. */
import net from "node:net";

/** A port that was free a moment ago (on `host`). */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, host, () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}
