import { compressSync } from "lz4-napi";
const mod = await import(process.argv[2]!);
function mulberry32(a: number) { return () => { a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const rnd = mulberry32(42);
const sets: [string, Uint8Array][] = [];
const f = new Float32Array(300000); for (let i = 0; i < f.length; i+=3) { const t = i / 3000; f[i] = Math.cos(t) * 5 + rnd() * 0.01; f[i+1] = Math.sin(t) * 5 + rnd()*0.01; f[i+2] = Math.round(rnd()*8)/8; }
sets.push(["pc", new Uint8Array(f.buffer)]);
const q = new Float32Array(300000); for (let i = 0; i < q.length; i++) q[i] = Math.round(rnd() * 1000) / 100;
sets.push(["pcq", new Uint8Array(q.buffer)]);
const words = ["position","color","radius","entity","/world/points","timeline","frame_nr","log_time"];
let s = ""; while (s.length < 500000) s += `{"${words[(rnd()*8)|0]}":${(rnd()*1000)|0},"${words[(rnd()*8)|0]}":"${words[(rnd()*8)|0]}"}`;
sets.push(["json", new TextEncoder().encode(s)]);
sets.push(["json30k", new TextEncoder().encode(s.slice(0, 30000))]);
sets.push(["json300", new TextEncoder().encode(s.slice(0, 300))]);
const src = await Bun.file("/work/main/node_modules/typescript/lib/typescript.js").bytes();
sets.push(["tsjs", src.subarray(0, 3000000)]);
for (const [k, a] of sets) { const c = mod.lz4Compress(a).length; const n = compressSync(Buffer.from(a)).length - 4; console.log(k.padEnd(8), a.length, c, n, (c / n).toFixed(4)); }
