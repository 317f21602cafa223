/** `rerun rrd print`: one line per message, more with -v, -vv, -vvv. */
import { formatValue, valueAt } from "../store/arrow/values.ts";
import type { Chunk } from "../store/chunk.ts";
import type { LogMsg, StoreId, StoreInfo } from "../store/logmsg.ts";
import { formatSource } from "../store/source.ts";
import { chunkFromIpc, chunkHeapSize, typeName } from "../store/transport.ts";
import { tuidToString } from "../store/tuid.ts";
import { formatBytes, shortName } from "./format.ts";
import { decodeSource, describeError } from "./input.ts";

/** Prints every message of every source; returns the exit code (1 if anything failed to decode). */
export async function rrdPrint(sources: string[], verbose: number, out: (line: string) => void): Promise<number> {
  let failed = false;
  for (const source of sources.length ? sources : ["-"]) {
    let n = 0;
    try {
      await decodeSource(source, (msg) => {
        n++;
        try {
          printMsg(msg, verbose, out);
        } catch (e) {
          failed = true;
          console.error(`error: ${describeError(source, e)} (message #${n})`);
        }
      });
    } catch (e) {
      failed = true;
      console.error(`error: ${describeError(source, e)}`);
    }
  }
  return failed ? 1 : 0;
}

function printMsg(msg: LogMsg, verbose: number, out: (line: string) => void): void {
  switch (msg.kind) {
    case "SetStoreInfo":
      out(`SetStoreInfo(${formatStoreInfo(msg.info)})`);
      return;
    case "BlueprintActivationCommand":
      out(`BlueprintActivationCommand(${formatStoreId(msg.blueprintId)}, make_active: ${msg.makeActive}, make_default: ${msg.makeDefault})`);
      return;
    case "ArrowMsg":
      printChunk(chunkFromIpc(msg.ipc), verbose, out);
  }
}

function printChunk(c: Chunk, verbose: number, out: (line: string) => void): void {
  const head = `Chunk(${tuidToString(c.id)}) with ${c.numRows} rows (${formatBytes(chunkHeapSize(c))}) - ${JSON.stringify(c.entityPath)} - `;
  if (verbose === 0) {
    out(`${head}data columns: [${c.components.map((k) => shortName(k.descriptor.component)).join(" ")}]`);
    return;
  }
  out(`${head}data columns: [${c.components.map((k) => descriptorText(k.descriptor)).join(" ")}]`);
  if (verbose < 2) return;
  for (const t of c.timelines) {
    const vals = [...t.values];
    const [min, max] = vals.length ? [vals.reduce((a, b) => (b < a ? b : a)), vals.reduce((a, b) => (b > a ? b : a))] : [0n, 0n];
    out(`  timeline ${t.name} (${t.type}${t.sorted ? ", sorted" : ""}): ${min}..=${max}`);
    if (verbose >= 3) out(`    values: ${formatValue(vals, 32)}`);
  }
  for (const k of c.components) {
    out(`  ${descriptorText(k.descriptor)}: ${typeName(k.field.type)}`);
    if (verbose >= 3) for (let i = 0; i < c.numRows; i++) out(`    [${i}] ${formatValue(valueAt(k.data, i))}`);
  }
}

function descriptorText(d: Chunk["components"][number]["descriptor"]): string {
  return `${d.archetype ? `${d.archetype}:` : ""}${d.component}${d.archetypeField ? `#${d.archetypeField}` : ""}`;
}

function formatStoreId(s: StoreId): string {
  return `${s.kind}:${s.id}`;
}

function formatStoreInfo(i: StoreInfo): string {
  const started = new Date(Number(i.started / 1_000_000n)).toISOString();
  const parts = [
    `application_id: ${JSON.stringify(i.applicationId)}`,
    `store_id: ${formatStoreId(i.storeId)}`,
    ...(i.clonedFrom ? [`cloned_from: ${formatStoreId(i.clonedFrom)}`] : []),
    `started: ${started}`,
    `source: ${formatSource(i.storeSource)}`,
    ...(i.storeVersion ? [`version: ${i.storeVersion}`] : []),
    ...(i.isOfficialExample ? ["official example"] : []),
  ];
  return parts.join(", ");
}

