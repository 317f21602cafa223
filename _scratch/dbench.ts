import { pc, records, tsjs } from "./gen.ts";
import { lz4Compress } from "./store5.ts";
const variants: Record<string, (s: Uint8Array, d: Uint8Array) => number> = {};
for (const f of process.argv.slice(2)) variants[f] = (await import("./" + f)).lz4Decompress;
const sets: [string, Uint8Array][] = [["pc", pc()], ["rec", records()], ["tsjs", tsjs]];
for (const [name, data] of sets) {
  const c = lz4Compress(data).slice(); const out = new Uint8Array(data.length);
  const res: Record<string, number[]> = {};
  for (let round = 0; round < 40; round++) for (const [k, fn] of Object.entries(variants)) {
    const t = performance.now(); let reps = 0; while (performance.now() - t < 25) { fn(c, out); reps++; }
    (res[k] ??= []).push(data.length * reps / 1e3 / (performance.now() - t));
  }
  for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(name, k.padEnd(12), "p75", v[30]!.toFixed(0), "max", v[39]!.toFixed(0)); }
}
