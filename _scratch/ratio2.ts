import { compressSync } from "lz4-napi";
const mod = await import(process.argv[2]!);
function mulberry32(seed: number): () => number { return () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
function gaussian(rnd: () => number): number { return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd()); }
const rnd = mulberry32(0x5eed);
const n = 100_000; const f = new Float32Array(n * 3);
for (let i = 0; i < n; i++) { const u = i % 400; const v = Math.floor(i / 400); const z = Math.sin(u / 60) * Math.cos(v / 40) + gaussian(rnd) * 0.005; f[i * 3] = u / 64; f[i * 3 + 1] = v / 64; f[i * 3 + 2] = Math.round(z * 1024) / 1024; }
const a = new Uint8Array(f.buffer);
const c = mod.lz4Compress(a).length; const nn = compressSync(Buffer.from(a)).length - 4; console.log(a.length, c, nn, (c / nn).toFixed(4));
