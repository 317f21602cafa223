/** Addresses a user can paste: for 0.0.0.0, this machine's LAN addresses as well as localhost. */
import { networkInterfaces } from "node:os";

/** Host names under which a server bound to `bind` can be reached, most useful first. */
export function reachableHosts(bind: string): string[] {
  if (bind !== "0.0.0.0" && bind !== "::") return [bind.includes(":") ? `[${bind}]` : bind];
  const lan: string[] = [];
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === "IPv4" && !a.internal) lan.push(a.address);
  }
  return ["127.0.0.1", ...lan];
}
