import { lz4Compress, lz4Decompress } from "./store/lz4.ts";
import { compressSync, uncompressSync } from "lz4-napi";
function mulberry32(a: number) { return () => { a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const rnd = mulberry32(42);
function rt(a: Uint8Array, label: string) {
  const c = lz4Compress(a).slice();
  const out = new Uint8Array(a.length);
  const n = lz4Decompress(c, out);
  const ok = n === a.length && Buffer.compare(Buffer.from(out), Buffer.from(a)) === 0;
  const nap = compressSync(Buffer.from(a)).length - 4;
  console.log(label, a.length, c.length, nap, (c.length / nap).toFixed(4), ok);
}
const f = new Float32Array(300000); for (let i = 0; i < f.length; i+=3) { const t = i / 3000; f[i] = Math.cos(t) * 5 + rnd() * 0.01; f[i+1] = Math.sin(t) * 5 + rnd()*0.01; f[i+2] = Math.round(rnd()*8)/8; }
rt(new Uint8Array(f.buffer), "pc");
const q = new Float32Array(300000); for (let i = 0; i < q.length; i++) q[i] = Math.round(rnd() * 1000) / 100;
rt(new Uint8Array(q.buffer), "pcq");
const r = new Uint8Array(1 << 20); for (let i = 0; i < r.length; i++) r[i] = rnd() * 256;
rt(r, "rand");
const words = ["position","color","radius","entity","/world/points","timeline","frame_nr","log_time"];
let s = ""; while (s.length < 500000) s += `{"${words[(rnd()*8)|0]}":${(rnd()*1000)|0},"${words[(rnd()*8)|0]}":"${words[(rnd()*8)|0]}"}`;
rt(new TextEncoder().encode(s), "json");
