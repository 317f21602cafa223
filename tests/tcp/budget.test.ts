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
  // rest = 20 000 - 3000; store limit = 64 000 - 17 000 - 8000 (queue) - 4000 (garbage of two check intervals) - 8000 (fragmentation)
  expect(gcs).toEqual([false]);
  expect(store.memoryLimit).toBe(27_000);
  expect(store.enforced).toBe(1);
  store.bytes = 0; // the store dropped data: the next check collects fully
  rss = 70_000; // the rest of the process takes nearly everything: the store keeps a quarter of the limit
  ingest.push([msg(2000)]);
  await ingest.idle();
  expect(gcs).toEqual([false, true]);
  expect(store.memoryLimit).toBe(limit / 4);
});

test("after the store dropped data, the resident pages it kept for reuse do not lower its limit", async () => {
  const limit = 64_000;
  const store: { -readonly [K in keyof MemoryStore]: MemoryStore[K] } & { enforced: number } = { bytes: 0, memoryLimit: limit, enforced: 0, enforceLimit() { this.enforced++; } };
  const gcs: boolean[] = [];
  let rss = 0;
  const ingest = new Ingest({ consume: () => {}, memory: { limit, store, rss: () => rss, gc: (full) => gcs.push(full) } });
  const check = async () => (ingest.push([msg(2000)]), await ingest.idle());
  store.bytes = 30_000;
  rss = 40_000; // the store's 30 000 bytes and 10 000 of everything else
  await check();
  // rest = 40 000 - 30 000; store limit = 64 000 - 10 000 - 8000 (queue) - 4000 (garbage) - 8000 (fragmentation)
  expect(store.memoryLimit).toBe(34_000);
  for (const held of [20_000, 10_000, 25_000]) {
    store.bytes = held; // the store dropped data (or refilled its freed pages): the resident size stays at 40 000
    await check();
    expect(store.memoryLimit).toBe(34_000);
  }
  expect(gcs).toEqual([false, true, true, false]);
  store.bytes = 36_000; // the store grew past what it held before: resident memory grows with it
  rss = 46_000;
  await check();
  expect(store.memoryLimit).toBe(34_000);
});

test("bytes dropped by congestion control count towards the collection cadence", async () => {
  const limit = 64_000;
  const store: MemoryStore = { bytes: 0, memoryLimit: limit, enforceLimit() {} };
  const gcs: boolean[] = [];
  const ingest = new Ingest({ consume: () => {}, memory: { limit, store, rss: () => 10_000, gc: (full) => gcs.push(full) } });
  ingest.discarded(1500);
  expect(gcs).toEqual([]); // less than limit / 32: no check yet
  ingest.discarded(1500);
  expect(gcs).toEqual([false]); // the garbage of dropped packets is collected as that of consumed ones
});

test("without a memory limit, nothing is collected and the queue pauses at 256 MiB", () => {
  expect(new Ingest({ consume: () => {} }).highWaterBytes).toBe(256 << 20);
});
