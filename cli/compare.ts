/** `rerun rrd compare`: are two recordings the same data? (Rerun's `Chunk::are_similar` semantics.) */
import { formatValue, valueAt, valuesEqual } from "../store/arrow/values.ts";
import type { Chunk } from "../store/chunk.ts";
import type { LogMsg } from "../store/logmsg.ts";
import { chunkFromIpc, descriptorKey } from "../store/transport.ts";
import { tuidCompare } from "../store/tuid.ts";
import { decodeSource } from "./input.ts";

interface Recording {
  appId: string;
  chunks: Chunk[];
}

/** Compares two files; resolves to null when similar, else the reason. Throws on unreadable input. */
export async function rrdCompare(a: string, b: string, opts: { unordered: boolean; fullDump: boolean }, out: (s: string) => void): Promise<string | null> {
  const [ra, rb] = [await loadRecording(a), await loadRecording(b)];
  if (opts.fullDump) {
    for (const r of [ra, rb]) {
      out(r.appId);
      for (const c of r.chunks) out(chunkText(c));
    }
  }
  if (ra.appId !== rb.appId) return `Application IDs do not match: '${ra.appId}' vs. '${rb.appId}'`;
  if (ra.chunks.length !== rb.chunks.length) return `Number of Chunks does not match: '${ra.chunks.length}' vs. '${rb.chunks.length}'`;
  if (opts.unordered && matchesUnordered(ra.chunks, rb.chunks)) return null;
  for (let i = 0; i < ra.chunks.length; i++) {
    const [x, y] = [ra.chunks[i]!, rb.chunks[i]!];
    if (!chunksSimilar(x, y)) return `Chunks do not match:\n${lineDiff(chunkText(x), chunkText(y))}`;
  }
  return null;
}

function matchesUnordered(xs: Chunk[], ys: Chunk[]): boolean {
  const left = [...ys];
  for (const x of xs) {
    const k = left.findIndex((y) => chunksSimilar(x, y));
    if (k < 0) return false;
    left.splice(k, 1);
  }
  return true;
}

async function loadRecording(path: string): Promise<Recording> {
  const stores = new Map<string, { kind: string; appId: string | null; chunks: Map<string, Chunk> }>();
  const take = (msg: LogMsg) => {
    const sid = msg.kind === "SetStoreInfo" ? msg.info.storeId : msg.kind === "ArrowMsg" ? msg.storeId : msg.blueprintId;
    const key = `${sid.kind}:${sid.id}`;
    let s = stores.get(key);
    if (!s) stores.set(key, (s = { kind: sid.kind, appId: null, chunks: new Map() }));
    if (msg.kind === "SetStoreInfo") s.appId = msg.info.applicationId;
    if (msg.kind === "ArrowMsg") {
      const c = chunkFromIpc(msg.ipc);
      s.chunks.set(`${c.id.timeNs}:${c.id.inc}`, c);
    }
  };
  await decodeSource(path, take, () => {});
  const recs = [...stores.values()].filter((s) => s.kind === "Recording");
  if (recs.length === 0) throw new Error(`${path}: no data recording found in rrd file`);
  if (recs.length > 1) throw new Error(`${path}: more than one data recording found in rrd file`);
  const r = recs[0]!;
  return { appId: r.appId ?? "unknown_app_id", chunks: [...r.chunks.values()].sort((x, y) => tuidCompare(x.id, y.id)) };
}

/** Same entity, same non-temporal timelines, same component data; ignores ids and Time timelines. */
export function chunksSimilar(x: Chunk, y: Chunk): boolean {
  if (x.entityPath !== y.entityPath || x.numRows !== y.numRows) return false;
  const seq = (c: Chunk) => c.timelines.filter((t) => t.type === "Sequence");
  const [tx, ty] = [seq(x), seq(y)];
  if (tx.length !== ty.length) return false;
  for (const t of tx) {
    const u = ty.find((v) => v.name === t.name);
    if (!u || u.values.length !== t.values.length || u.values.some((v, i) => v !== t.values[i])) return false;
  }
  if (x.components.length !== y.components.length) return false;
  for (const c of x.components) {
    const d = y.components.find((e) => descriptorKey(e.descriptor) === descriptorKey(c.descriptor));
    if (!d) return false;
    for (let i = 0; i < x.numRows; i++) if (!valuesEqual(valueAt(c.data, i), valueAt(d.data, i))) return false;
  }
  return true;
}

/** A readable dump of a chunk: entity, timelines and every row of every component. */
export function chunkText(c: Chunk): string {
  const lines = [`Chunk ${c.entityPath} (${c.numRows} rows)`];
  for (const t of [...c.timelines].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    lines.push(`  ${t.name} (${t.type}): ${t.type === "Time" ? "(temporal values ignored)" : formatValue([...t.values], 64)}`);
  }
  for (const k of [...c.components].sort((a, b) => (descriptorKey(a.descriptor) < descriptorKey(b.descriptor) ? -1 : 1))) {
    lines.push(`  ${descriptorKey(k.descriptor)}`);
    for (let i = 0; i < c.numRows; i++) lines.push(`    [${i}] ${formatValue(valueAt(k.data, i))}`);
  }
  return lines.join("\n");
}

function lineDiff(a: string, b: string): string {
  const [la, lb] = [a.split("\n"), b.split("\n")];
  const out: string[] = [];
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] === lb[i]) out.push(`  ${la[i]}`);
    else {
      if (la[i] !== undefined) out.push(`- ${la[i]}`);
      if (lb[i] !== undefined) out.push(`+ ${lb[i]}`);
    }
  }
  return out.join("\n");
}
