import { pc, records } from "./gen2.ts";
import { lz4Compress } from "./store5.ts";
import * as D0 from "./d0.ts"; import * as D1 from "./d1.ts";
const variants: Record<string, (s: Uint8Array, d: Uint8Array) => number> = { d0: D0.lz4Decompress, d1: D1.lz4Decompress };
const sets: [string, Uint8Array][] = [["pc", pc()], ["rec", records()]];
for (const [name, data] of sets) {
  const c = lz4Compress(data).slice(); const out = new Uint8Array(data.length);
  const res: Record<string, number[]> = {};
  for (let round = 0; round < 12; round++) for (const [k, fn] of Object.entries(variants)) {
    const t = performance.now(); let reps = 0; while (performance.now() - t < 80) { fn(c, out); reps++; }
    (res[k] ??= []).push(data.length * reps / 1e3 / (performance.now() - t));
  }
  for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(name, k.padEnd(12), v.map(x => x.toFixed(0)).join(" "), "median", v[6]!.toFixed(0)); }
}
