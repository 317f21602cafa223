import { expect, test } from "bun:test";
import { Ingest, type MemoryStore } from "../../server/ingest.ts";
import type { ArrowMsg } from "../../store/logmsg.ts";

const msg = (bytes: number): ArrowMsg => ({ kind: "ArrowMsg", storeId: { kind: "Recording", id: "r" }, chunkId: { timeNs: 0n, inc: 0n }, timepointMax: [], ipc: new Uint8Array(bytes) });

test("with a memory limit, the store gets what the rest of the process leaves, and garbage is collected", async () => {
  const limit = 64_000;
  const store: { -readonly [K in keyof MemoryStore]: MemoryStore[K] } & { enforced: number } = { bytes: 0, memoryLimit: limit, enforced: 0, enforceLimit() { this.enforced++; } };
  const gcs: boolean[] = [];
  let rss = 20_000;
  const ingest = new Ingest({ consume: (m) => void (store.bytes += m.kind === "ArrowMsg" ? m.ipc.length : 0), memory: { limit, store, rss: () => rss, gc: (full) => gcs.push(full) } });
  expect(ingest.highWaterBytes).toBe(limit / 8);
  ingest.push([msg(1000)]);
  await ingest.idle();
  expect(gcs).toEqual([]); // less than limit / 32 consumed: no check yet
  ingest.push([msg(1000), msg(1000)]);
  await ingest.idle();
  // rest = 20 000 - 3000; store limit = 64 000 - 17 000 - 8000 (queue) - 4000 (garbage of two check intervals)
  expect(gcs).toEqual([false]);
  expect(store.memoryLimit).toBe(35_000);
  expect(store.enforced).toBe(1);
  store.bytes = 0; // the store dropped data: the next check collects fully
  rss = 70_000; // the rest of the process takes nearly everything: the store keeps a quarter of the limit
  ingest.push([msg(2000)]);
  await ingest.idle();
  expect(gcs).toEqual([false, true]);
  expect(store.memoryLimit).toBe(limit / 4);
});

test("without a memory limit, nothing is collected and the queue pauses at 256 MiB", () => {
  expect(new Ingest({ consume: () => {} }).highWaterBytes).toBe(256 << 20);
});
