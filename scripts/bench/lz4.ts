// LZ4 block codec benchmark: store/lz4.ts vs lz4-napi (native lz4_flex) vs lz4js, on seeded Rerun-like payloads.
// Run: bun scripts/bench/lz4.ts
import { createRequire } from "node:module";
import { compressSync, uncompressSync } from "lz4-napi";
import { lz4Compress, lz4CompressBound, lz4Decompress } from "../../store/lz4.ts";

interface Lz4js {
  compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
  decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
}
const lz4js = createRequire(import.meta.url)("lz4js") as Lz4js;

const WARMUP = 3;
const RUNS = 7;
const MIN_RUN_MS = 60; // each run repeats the workload until at least this long

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** 100k xyz float32 points (1.2 MB): a depth-camera-like height field on a regular grid, with quantised sensor noise. */
function pointCloud(rnd: () => number): Uint8Array {
  const n = 100_000;
  const f = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const u = i % 400;
    const v = Math.floor(i / 400);
    const z = Math.sin(u / 60) * Math.cos(v / 40) + gaussian(rnd) * 0.005;
    f[i * 3] = u / 64; // grid coordinates are exact in float32
    f[i * 3 + 1] = v / 64;
    f[i * 3 + 2] = Math.round(z * 1024) / 1024; // 1 mm-ish depth quantisation
  }
  return new Uint8Array(f.buffer);
}

/** ~1 MB of msgpack-like records: repeated map keys, entity paths, small ints, timestamps, short floats. */
function records(rnd: () => number): Uint8Array {
  const keys = ["entity_path", "timeline", "log_time", "frame_nr", "component", "rerun.components.Color", "radius", "label"];
  const paths = ["/world/points", "/world/camera/image", "/robot/arm/joint_3", "/plots/temperature"];
  const out = new Uint8Array(1 << 20);
  const enc = new TextEncoder();
  let o = 0;
  let time = 1_700_000_000_000;
  while (o < out.length - 256) {
    out[o++] = 0x80 | 6; // fixmap of 6 entries
    for (let k = 0; k < 6; k++) {
      const key = keys[Math.floor(rnd() * keys.length)];
      out[o++] = 0xa0 | key.length;
      o += enc.encodeInto(key, out.subarray(o)).written;
      const kind = Math.floor(rnd() * 4);
      if (kind === 0) {
        const p = paths[Math.floor(rnd() * paths.length)];
        out[o++] = 0xa0 | p.length;
        o += enc.encodeInto(p, out.subarray(o)).written;
      } else if (kind === 1) {
        time += Math.floor(rnd() * 50);
        out[o++] = 0xcf; // uint64 big-endian
        new DataView(out.buffer).setBigUint64(o, BigInt(time));
        o += 8;
      } else if (kind === 2) {
        out[o++] = Math.floor(rnd() * 128); // positive fixint
      } else {
        out[o++] = 0xca; // float32
        new DataView(out.buffer).setFloat32(o, Math.round(rnd() * 1000) / 10);
        o += 4;
      }
    }
  }
  return out.subarray(0, o);
}

/** 1000 small (~300 byte) messages: a shared schema-ish prefix followed by a few fresh values each. */
function smallMessages(rnd: () => number): Uint8Array[] {
  const header = new TextEncoder().encode("ARROW1\0\0rerun.components.Position3D:FixedSizeList<float32,3>;rerun.components.Color:u32;");
  return Array.from({ length: 1000 }, () => {
    const m = new Uint8Array(300);
    m.set(header);
    const f = new Float32Array(m.buffer, 96, 48);
    for (let i = 0; i < f.length; i++) f[i] = i % 3 === 2 ? 0 : Math.round(rnd() * 100) / 4;
    return m;
  });
}

interface Codec {
  name: string;
  compress(src: Uint8Array): number; // returns compressed size
  decompress(block: Uint8Array, size: number): number; // block is a raw LZ4 block; returns bytes written
}

const scratch = new Uint8Array(lz4CompressBound(2 << 20));
const lz4jsTable = new Uint32Array(1 << 16); // must be zeroed before every call: stale entries can yield offset-0 matches

function sizePrefixed(block: Uint8Array, size: number): Buffer {
  const b = Buffer.allocUnsafe(block.length + 4);
  b.writeUInt32LE(size, 0);
  b.set(block, 4);
  return b;
}

const codecs: Codec[] = [
  {
    name: "ours (store/lz4.ts)",
    compress: (src) => lz4Compress(src, scratch).length,
    decompress: (block, size) => lz4Decompress(block, new Uint8Array(size)),
  },
  {
    name: "lz4-napi (native)",
    compress: (src) => compressSync(Buffer.from(src.buffer, src.byteOffset, src.length)).length - 4,
    decompress: (block) => uncompressSync(block).length, // `block` is pre-prefixed for lz4-napi, see below
  },
  {
    name: "lz4js",
    compress: (src) => lz4js.compressBlock(src, scratch, 0, src.length, lz4jsTable.fill(0)) || src.length, // 0 = no match found
    decompress: (block, size) => lz4js.decompressBlock(block, new Uint8Array(size), 0, block.length, 0),
  },
];

/** Median, min and max MB/s (of uncompressed bytes) over RUNS timed runs after WARMUP untimed ones. */
function measure(bytesPerIter: number, iter: () => void): { median: number; min: number; max: number } {
  let reps = 1;
  const t0 = performance.now();
  iter();
  const once = performance.now() - t0;
  reps = Math.max(1, Math.ceil(MIN_RUN_MS / Math.max(once, 0.001)));
  const rates: number[] = [];
  for (let r = 0; r < WARMUP + RUNS; r++) {
    const start = performance.now();
    for (let i = 0; i < reps; i++) iter();
    const ms = performance.now() - start;
    if (r >= WARMUP) rates.push((bytesPerIter * reps) / 1e6 / (ms / 1000));
  }
  rates.sort((a, b) => a - b);
  return { median: rates[Math.floor(rates.length / 2)], min: rates[0], max: rates[rates.length - 1] };
}

const rnd = mulberry32(0x5eed);
const datasets: [string, Uint8Array[]][] = [
  ["point cloud 1.2 MB", [pointCloud(rnd)]],
  ["msgpack records 1 MB", [records(rnd)]],
  ["1000 x 300 B msgs", smallMessages(rnd)],
];

const fmt = (r: { median: number; min: number; max: number }) =>
  `${r.median.toFixed(0)} (${r.min.toFixed(0)}–${r.max.toFixed(0)})`;
const rows: string[][] = [["dataset", "codec", "compress MB/s", "decompress MB/s", "ratio"]];
for (const [label, msgs] of datasets) {
  const total = msgs.reduce((s, m) => s + m.length, 0);
  const blocks = msgs.map((m) => lz4Compress(m).slice()); // the same blocks feed every decoder
  for (const m of msgs) {
    const back = new Uint8Array(m.length);
    if (lz4Decompress(lz4Compress(m), back) !== m.length || !back.every((b, i) => b === m[i])) throw new Error("round trip failed");
  }
  for (const c of codecs) {
    const input = c.name.startsWith("lz4-napi") ? blocks.map((b, i) => sizePrefixed(b, msgs[i].length)) : blocks;
    const compressed = msgs.reduce((s, m) => s + c.compress(m), 0);
    const comp = measure(total, () => {
      for (const m of msgs) c.compress(m);
    });
    const decomp = measure(total, () => {
      for (let i = 0; i < msgs.length; i++) c.decompress(input[i], msgs[i].length);
    });
    rows.push([label, c.name, fmt(comp), fmt(decomp), (total / compressed).toFixed(3)]);
  }
}

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(line(rows[0]));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows.slice(1)) console.log(line(r));
console.log(`\n${RUNS} runs after ${WARMUP} warm-up runs, each run >= ${MIN_RUN_MS} ms; median (min–max) MB/s of uncompressed data; ratio = uncompressed / compressed.`);
