import type { Tuid } from "./logmsg.ts";

const U64 = (1n << 64n) - 1n;

/** The 128-bit value of a Tuid. */
export function tuidToBigInt(t: Tuid): bigint {
  return (t.timeNs << 64n) | t.inc;
}

/** A Tuid from its 128-bit value. */
export function tuidFromBigInt(v: bigint): Tuid {
  return { timeNs: (v >> 64n) & U64, inc: v & U64 };
}

/** Rerun's display form: 32 upper-case hex digits. */
export function tuidToString(t: Tuid): string {
  return tuidToBigInt(t).toString(16).toUpperCase().padStart(32, "0");
}

/** Compare two Tuids: by time, then by counter. */
export function tuidCompare(a: Tuid, b: Tuid): number {
  if (a.timeNs !== b.timeNs) return a.timeNs < b.timeNs ? -1 : 1;
  if (a.inc !== b.inc) return a.inc < b.inc ? -1 : 1;
  return 0;
}

let lastTime = 0n;
let counter = BigInt(Math.floor(Math.random() * 2 ** 31)) << 31n;

/** A fresh, process-monotonic Tuid (wall-clock ns, then an incrementing counter). */
export function newTuid(): Tuid {
  const now = BigInt(Date.now()) * 1_000_000n + BigInt(Math.floor((performance.now() % 1) * 1e6));
  lastTime = now > lastTime ? now : lastTime + 1n;
  counter = (counter + 1n) & (U64 >> 1n);
  return { timeNs: lastTime, inc: counter };
}
