import { pc, records, tsjs } from "./gen.ts";
import { lz4Decompress } from "./d6.ts";
const variants: Record<string, (s: Uint8Array, d?: Uint8Array) => Uint8Array> = {};
for (const f of process.argv.slice(2)) variants[f] = (await import("./" + f)).lz4Compress;
const small: Uint8Array[] = []; { const r = records(); for (let i = 0; i < 1000; i++) small.push(r.subarray(i * 300, i * 300 + 300)); }
const sets: [string, Uint8Array[]][] = [["pc", [pc()]], ["rec", [records()]], ["tsjs", [tsjs]], ["small", small]];
const scratch = new Uint8Array(4 << 20);
for (const [name, msgs] of sets) {
  const total = msgs.reduce((s, m) => s + m.length, 0);
  for (const [k, fn] of Object.entries(variants)) { let sz = 0; for (const m of msgs) { const c = fn(m, scratch); sz += c.length; const o = new Uint8Array(m.length); if (lz4Decompress(c, o) !== m.length || !o.every((b, i) => b === m[i])) throw new Error("bad " + k); } console.log(name, k, "ratio", (total / sz).toFixed(4)); }
  const res: Record<string, number[]> = {};
  for (let round = 0; round < 40; round++) for (const [k, fn] of Object.entries(variants)) {
    const t = performance.now(); let reps = 0; while (performance.now() - t < 25) { for (const m of msgs) fn(m, scratch); reps++; }
    (res[k] ??= []).push(total * reps / 1e3 / (performance.now() - t));
  }
  for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(name, k.padEnd(12), "p75", v[30]!.toFixed(0), "max", v[39]!.toFixed(0)); }
}
