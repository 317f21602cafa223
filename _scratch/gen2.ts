export function mulberry32(seed: number): () => number { return () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
function gaussian(rnd: () => number): number { return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd()); }
const rnd = mulberry32(0x5eed);
export function pc(): Uint8Array { const n = 100_000; const f = new Float32Array(n * 3);
for (let i = 0; i < n; i++) { const u = i % 400; const v = Math.floor(i / 400); const z = Math.sin(u / 60) * Math.cos(v / 40) + gaussian(rnd) * 0.005; f[i * 3] = u / 64; f[i * 3 + 1] = v / 64; f[i * 3 + 2] = Math.round(z * 1024) / 1024; }
return new Uint8Array(f.buffer); }
export function records(): Uint8Array {
  const keys = ["entity_path", "timeline", "log_time", "frame_nr", "component", "rerun.components.Color", "radius", "label"];
  const paths = ["/world/points", "/world/camera/image", "/robot/arm/joint_3", "/plots/temperature"];
  const out = new Uint8Array(1 << 20); const enc = new TextEncoder(); let o = 0; let time = 1_700_000_000_000;
  while (o < out.length - 256) { out[o++] = 0x86; for (let k = 0; k < 6; k++) { const key = keys[Math.floor(rnd() * keys.length)]!; out[o++] = 0xa0 | key.length; o += enc.encodeInto(key, out.subarray(o)).written; const kind = Math.floor(rnd() * 4);
      if (kind === 0) { const p = paths[Math.floor(rnd() * paths.length)]!; out[o++] = 0xa0 | p.length; o += enc.encodeInto(p, out.subarray(o)).written; }
      else if (kind === 1) { time += Math.floor(rnd() * 50); out[o++] = 0xcf; new DataView(out.buffer).setBigUint64(o, BigInt(time)); o += 8; }
      else if (kind === 2) { out[o++] = Math.floor(rnd() * 128); } else { out[o++] = 0xca; new DataView(out.buffer).setFloat32(o, Math.round(rnd() * 1000) / 10); o += 4; } } }
  return out.subarray(0, o); }
