import { describe, expect, test } from "bun:test";
import { createRequire } from "node:module";
import { compressSync, uncompressSync } from "lz4-napi";
import { lz4Compress, lz4CompressBound, lz4Decompress } from "../store/lz4.ts";
import { seededRandom } from "./random.ts";

interface Lz4js {
  compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
  decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
}
const lz4js = createRequire(import.meta.url)("lz4js") as Lz4js;

function randomBytes(n: number, rnd: () => number): Uint8Array {
  const a = new Uint8Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.floor(rnd() * 256);
  return a;
}

function repetitiveText(n: number): Uint8Array {
  const words = ["entity", "/world/points", "timeline", "log_time", "frame_nr", "rerun.components.Color", "radius"];
  const rnd = seededRandom(7);
  let s = "";
  while (s.length < n) s += `${words[Math.floor(rnd() * words.length)]}=${Math.floor(rnd() * 100)}; `;
  return new TextEncoder().encode(s.slice(0, n));
}

function pointCloud(points: number, rnd: () => number): Uint8Array {
  const f = new Float32Array(points * 3);
  for (let i = 0; i < points; i++) {
    f[i * 3] = (i % 200) / 32;
    f[i * 3 + 1] = Math.floor(i / 200) / 32 + (rnd() - 0.5) * 1e-3;
    f[i * 3 + 2] = Math.round((Math.sin(i / 50) + rnd() * 0.01) * 1024) / 1024;
  }
  return new Uint8Array(f.buffer);
}

/** Bytes `period` apart repeat: random `period`-byte pattern tiled to `n` bytes (matches at exactly that offset). */
function tiled(n: number, period: number, rnd: () => number): Uint8Array {
  const pattern = randomBytes(period, rnd);
  const a = new Uint8Array(n);
  for (let i = 0; i < n; i += period) a.set(pattern.subarray(0, Math.min(period, n - i)), i);
  return a;
}

function roundTrip(data: Uint8Array): Uint8Array {
  const block = lz4Compress(data);
  expect(block.length).toBeLessThanOrEqual(lz4CompressBound(data.length));
  const out = new Uint8Array(data.length);
  expect(lz4Decompress(block, out)).toBe(data.length);
  expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
  return block;
}

/** Checks the LZ4 block rules that strict decoders rely on, and returns the sequences' match offsets. */
function checkBlockRules(block: Uint8Array, size: number): number[] {
  const offsets: number[] = [];
  let s = 0;
  let d = 0;
  let lastMatchStart = -1;
  for (;;) {
    const token = block[s++];
    let lit = token >>> 4;
    if (lit === 15) for (let b = 255; b === 255; lit += b) b = block[s++];
    s += lit;
    d += lit;
    if (s === block.length) break;
    const offset = block[s] | (block[s + 1] << 8);
    s += 2;
    let ml = token & 15;
    if (ml === 15) for (let b = 255; b === 255; ml += b) b = block[s++];
    expect(offset).toBeGreaterThanOrEqual(1);
    expect(offset).toBeLessThanOrEqual(Math.min(65535, d));
    offsets.push(offset);
    lastMatchStart = d;
    d += ml + 4;
    expect(d).toBeLessThanOrEqual(size - 5); // the last 5 bytes are literals
  }
  expect(d).toBe(size);
  if (lastMatchStart >= 0) expect(lastMatchStart).toBeLessThanOrEqual(size - 12);
  return offsets;
}

function withSizePrefix(block: Uint8Array, size: number): Buffer {
  const b = Buffer.alloc(block.length + 4);
  b.writeUInt32LE(size, 0);
  b.set(block, 4);
  return b;
}

const rnd = seededRandom(1234);
const corpus: [string, Uint8Array][] = [
  ["empty", new Uint8Array(0)],
  ["1 byte", new Uint8Array([42])],
  ["12 bytes", new Uint8Array(12).fill(7)],
  ["13 zero bytes", new Uint8Array(13)],
  ["13 bytes", new TextEncoder().encode("abcabcabcabca")],
  ["random 64 KiB", randomBytes(65536, rnd)],
  ["zeros 1 MiB + 3", new Uint8Array((1 << 20) + 3)],
  ["repetitive text 200 KB", repetitiveText(200_000)],
  ["float32 point cloud 1.2 MB", pointCloud(100_000, rnd)],
  ["1.5 MiB with 40 KB long matches", tiled(1_572_864, 40_000, rnd)],
  ["offset 65535", tiled(300_000, 65535, rnd)],
  ["offset 65536 (out of reach)", tiled(300_000, 65536, rnd)],
  ["offset 65534", tiled(200_000, 65534, rnd)],
  ["period 3", tiled(5000, 3, rnd)],
];

describe("lz4 round trips", () => {
  for (const [name, data] of corpus) {
    test(name, () => {
      const block = roundTrip(data);
      checkBlockRules(block, data.length);
    });
  }

  test("every size 0..300 and sizes around the 1024-byte wide-copy threshold, partly repetitive data", () => {
    const r = seededRandom(99);
    const sizes = [...Array.from({ length: 301 }, (_, i) => i), 1000, 1023, 1024, 1025, 1100, 2047, 4099];
    for (const n of sizes) {
      const data = new Uint8Array(n);
      for (let i = 0; i < n; i++) data[i] = i > 8 && r() < 0.7 ? data[i - 1 - Math.floor(r() * 8)] : Math.floor(r() * 256);
      checkBlockRules(roundTrip(data), n);
    }
  });

  test("long matches use offsets up to 65535", () => {
    const data = tiled(300_000, 65535, seededRandom(5));
    expect(Math.max(...checkBlockRules(lz4Compress(data), data.length))).toBe(65535);
  });

  test("unaligned views into shared buffers, caller-provided dst, repeated calls", () => {
    const text = repetitiveText(50_000);
    const backing = new Uint8Array(text.length + 3);
    backing.set(text, 3);
    const view = backing.subarray(3);
    const dst = new Uint8Array(lz4CompressBound(view.length) + 5).subarray(5);
    for (let i = 0; i < 3; i++) {
      const block = lz4Compress(view, dst);
      expect(block.buffer).toBe(dst.buffer);
      const outBacking = new Uint8Array(text.length + 1);
      const out = outBacking.subarray(1);
      expect(lz4Decompress(block.slice(), out)).toBe(text.length);
      expect(Buffer.from(out).equals(Buffer.from(text))).toBe(true);
    }
  });

  test("dst below the bound is rejected; decompressing into a larger dst reports the real size", () => {
    const data = repetitiveText(1000);
    expect(() => lz4Compress(data, new Uint8Array(100))).toThrow(/lz4 error: output buffer/);
    expect(() => lz4CompressBound(-1)).toThrow(/lz4 error/);
    const out = new Uint8Array(5000);
    expect(lz4Decompress(lz4Compress(data), out)).toBe(1000);
  });
});

describe("lz4 cross-compatibility", () => {
  const lz4jsTable = new Uint32Array(1 << 16);

  for (const [name, data] of corpus) {
    test(`${name}: ours -> lz4-napi and lz4js`, () => {
      const block = lz4Compress(data);
      expect(Buffer.from(uncompressSync(withSizePrefix(block, data.length))).equals(Buffer.from(data))).toBe(true);
      const out = new Uint8Array(data.length);
      expect(lz4js.decompressBlock(block, out, 0, block.length, 0)).toBe(data.length);
      expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
    });

    test(`${name}: lz4-napi and lz4js -> ours`, () => {
      const prefixed = compressSync(Buffer.from(data.buffer, data.byteOffset, data.length));
      expect(prefixed.readUInt32LE(0)).toBe(data.length); // lz4-napi prepends the size as u32 LE
      const out = new Uint8Array(data.length);
      expect(lz4Decompress(prefixed.subarray(4), out)).toBe(data.length);
      expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);

      const lz4jsBlock = new Uint8Array(lz4CompressBound(data.length));
      // lz4js needs a zeroed table per call and returns 0 when it found no match at all (no block written).
      const size = lz4js.compressBlock(data, lz4jsBlock, 0, data.length, lz4jsTable.fill(0));
      if (size > 0) {
        out.fill(0);
        expect(lz4Decompress(lz4jsBlock.subarray(0, size), out)).toBe(data.length);
        expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
      }
    });
  }

  test("compressed size within 3% of lz4-napi (lz4_flex) on compressible data", () => {
    for (const [name, data] of corpus) {
      if (data.length < 1000) continue;
      const ours = lz4Compress(data).length;
      const native = compressSync(Buffer.from(data.buffer, data.byteOffset, data.length)).length - 4;
      if (ours > native * 1.03) throw new Error(`${name}: ours ${ours} vs lz4-napi ${native}`);
    }
  });
});

describe("lz4 malformed input", () => {
  const GUARD = 0xa5;

  /** Decodes into a `size`-byte view of a guarded buffer; returns the result or the error, and checks the guards. */
  function decodeGuarded(block: Uint8Array, size: number): number | Error {
    const backing = new Uint8Array(size + 64).fill(GUARD);
    const dst = backing.subarray(32, 32 + size);
    let result: number | Error;
    try {
      result = lz4Decompress(block, dst);
      expect(result).toBeLessThanOrEqual(size);
    } catch (e) {
      if (!(e instanceof Error)) throw new Error(`non-Error thrown: ${String(e)}`);
      expect(e.message).toStartWith("lz4 error: ");
      result = e;
    }
    for (let i = 0; i < 32; i++) {
      if (backing[i] !== GUARD || backing[backing.length - 1 - i] !== GUARD) throw new Error("wrote outside dst");
    }
    return result;
  }

  const data = repetitiveText(3000);
  const block = lz4Compress(data).slice();

  test("truncation at every position", () => {
    let errors = 0;
    for (let len = 0; len < block.length; len++) {
      const r = decodeGuarded(block.subarray(0, len), data.length);
      if (r instanceof Error) errors++;
      else expect(r).toBeLessThan(data.length);
    }
    expect(errors).toBeGreaterThan(block.length / 2);
  });

  test("1000 random bit flips (fixed seed) never crash, hang or write out of bounds", () => {
    const r = seededRandom(2024);
    for (let i = 0; i < 1000; i++) {
      const bad = block.slice();
      const flips = 1 + Math.floor(r() * 3);
      for (let f = 0; f < flips; f++) bad[Math.floor(r() * bad.length)] ^= 1 << Math.floor(r() * 8);
      decodeGuarded(bad, data.length);
      decodeGuarded(bad, data.length + 17); // also with slack, where wild copies have room
    }
  });

  test("500 random garbage inputs", () => {
    const r = seededRandom(77);
    for (let i = 0; i < 500; i++) decodeGuarded(randomBytes(Math.floor(r() * 200), r), Math.floor(r() * 400));
  });

  test("specific errors", () => {
    const err = (b: number[], size: number) => {
      const r = decodeGuarded(new Uint8Array(b), size);
      if (!(r instanceof Error)) throw new Error(`expected an error, got ${r}`);
      return r.message;
    };
    expect(err([], 0)).toContain("unexpected end of input");
    expect(err([0x10, 65, 0, 0], 100)).toContain("match offset 0");
    expect(err([0x10, 65, 0x70, 0x11, 0x00], 100)).toBe("lz4 error: match offset 4464 out of bounds (only 1 bytes decoded) at input byte 2");
    expect(err([0x10, 65, 2, 0, 0x00], 100)).toContain("out of bounds");
    expect(err([0x50, 1, 2], 100)).toContain("overruns the input");
    expect(err([0x50, 1, 2, 3, 4, 5], 3)).toContain("overruns the output");
    expect(err([0x1f, 65, 1, 0, 200, 0x00], 50)).toContain("match of 219 bytes overruns the output");
    expect(err([0x14, 65, 1, 0, 0x00], 8)).toContain("match of 8 bytes overruns the output"); // by one byte
    expect(err([0x40, 1, 2, 3, 4], 3)).toContain("literal run of 4 bytes overruns the output"); // by one byte
    expect(err([0xf0, 255, 255], 100)).toContain("truncated literal length");
    expect(err([0x1f, 65, 1, 0, 255], 1000)).toContain("truncated match length");
    expect(err([0x10, 65, 1], 100)).toContain("truncated match offset");
    expect(err([0x14, 65, 1, 0], 100)).toContain("unexpected end of input"); // ends with a match, not literals
    expect(err([0xf0, ...new Array(100_000).fill(255), 0], 10)).toContain("overruns the input");
    expect(decodeGuarded(new Uint8Array([0x00]), 0)).toBe(0);
    expect(decodeGuarded(new Uint8Array([0x14, 65, 1, 0, 0x10, 66]), 10)).toBe(10);
  });
});
