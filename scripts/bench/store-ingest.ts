/**
 * Chunk-store ingest benchmark: N one-row Points3D chunks (frame, log_tick, log_time) into one entity.
 * Usage: bun scripts/bench/store-ingest.ts [N=100000]
 */
import { F32, fsl, U32 } from "../../store/arrow/make.ts";
import { batch, chunkBuilder, descriptor, timeNs } from "../../store/build.ts";
import type { Chunk } from "../../store/chunk.ts";
import { type CompactionConfig, DEFAULT_COMPACTION } from "../../store/db/compact.ts";
import { Hub } from "../../store/db/hub.ts";
import type { ArrowMsg } from "../../store/logmsg.ts";
import { chunkFromIpc, chunkToIpc } from "../../store/transport.ts";
import { newTuid } from "../../store/tuid.ts";

const N = Number(process.argv[2] ?? 100_000);
const P = (f: string, c: string) => descriptor(`rerun.components.${c}`, "rerun.archetypes.Points3D", f);
const t0 = 1_741_723_087_156_534_000n;
const chunks: Chunk[] = [];
for (let i = 0; i < N; i++) {
  chunks.push(chunkBuilder("/bench/points").row({ frame: i, log_tick: i, log_time: timeNs(t0 + BigInt(i) * 1000n) }, [
    batch(P("positions", "Position3D"), fsl(3, F32), [[i, i + 1, i + 2]]),
    batch(P("colors", "Color"), U32, [0xff0000ff]),
    batch(P("radii", "Radius"), F32, [0.5]),
  ]).build());
}
const storeId = { kind: "Recording" as const, id: "bench" };
const msgs: ArrowMsg[] = chunks.map((c) => ({ kind: "ArrowMsg", storeId, chunkId: newTuid(), timepointMax: [], ipc: chunkToIpc(c) }));

function run(label: string, config: CompactionConfig, fromIpc: boolean): void {
  const hub = new Hub({ compaction: config });
  const db = hub.open(storeId);
  Bun.gc(true);
  const start = performance.now();
  if (fromIpc) for (const m of msgs) hub.add(m);
  else for (const c of chunks) db.addChunk(c);
  const ms = performance.now() - start;
  const q0 = performance.now();
  const hits = db.latestAt("/bench/points", ["rerun.components.Position3D"], "frame", N - 1).size;
  const qms = performance.now() - q0;
  const stored = [...db.chunks()].length;
  console.log(
    `${label.padEnd(34)} ${(N / (ms / 1000)).toFixed(0).padStart(8)} chunks/s  ${stored} stored chunks  ` +
      `${(db.bytes / N).toFixed(1)} buffer B/row  first latest-at ${qms.toFixed(2)} ms (${hits} hit)`,
  );
}

/** JS heap (ArrayBuffers included) still held per row once the inputs are dropped. */
function retained(label: string, config: CompactionConfig): void {
  Bun.gc(true);
  const heap0 = process.memoryUsage().heapUsed;
  const hub = new Hub({ compaction: config });
  let input: ArrowMsg[] | null = chunks.map((c) => ({ kind: "ArrowMsg", storeId, chunkId: c.id, timepointMax: [], ipc: chunkToIpc(c) }));
  for (const m of input) hub.add(m);
  input = null;
  Bun.gc(true);
  const perRow = (process.memoryUsage().heapUsed - heap0) / N;
  console.log(`${label.padEnd(34)} ${perRow.toFixed(0).padStart(6)} heap B/row retained (${hub.get(storeId)!.bytes / N} counted)`);
}

run("parsed chunks, compaction", DEFAULT_COMPACTION, false);
run("parsed chunks, no compaction", { maxBytes: 0, maxRows: 0, maxRowsIfUnsorted: 0 }, false);
run("ArrowMsg (chunkFromIpc), compaction", DEFAULT_COMPACTION, true);
const p0 = performance.now();
for (const m of msgs) chunkFromIpc(m.ipc);
console.log(`chunkFromIpc alone: ${(N / ((performance.now() - p0) / 1000)).toFixed(0)} chunks/s`);
retained("ArrowMsg, compaction", DEFAULT_COMPACTION);
retained("ArrowMsg, no compaction", { maxBytes: 0, maxRows: 0, maxRowsIfUnsorted: 0 });
