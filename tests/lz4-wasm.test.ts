import { describe, expect, test } from "bun:test";
import { compileLz4 } from "../scripts/wasm.ts";
import { lz4Compress, lz4DecompressJs } from "../store/lz4.ts";
import { wasmDecompress } from "../store/lz4-wasm.ts";
import { LZ4_WASM } from "../store/lz4-wasm-bytes.ts";
import { seededRandom } from "./random.ts";

/** Both decoders on `block` into `size` bytes: the same bytes, or -1 from WebAssembly where TypeScript throws; true when valid. */
function agree(block: Uint8Array, size: number): boolean {
  const a = new Uint8Array(size), b = new Uint8Array(size);
  let js: number | null;
  try {
    js = lz4DecompressJs(block, a);
  } catch {
    js = null;
  }
  const w = wasmDecompress(block, b);
  if (js === null) expect(w).toBe(-1);
  else {
    expect(w).toBe(js);
    expect(b.subarray(0, js)).toEqual(a.subarray(0, js));
  }
  return js !== null;
}

const TEXT = "rerun.components.Position3D /world/points ";

/** Inputs with every kind of sequence: incompressible, text-like, and repeats 1–19 bytes apart (overlapping matches). */
function inputs(): Uint8Array[] {
  const rnd = seededRandom(11);
  const out: Uint8Array[] = [];
  for (const n of [0, 1, 5, 13, 16, 17, 64, 300, 1023, 1024, 3000, 20_000, 65_536]) {
    out.push(Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256)));
    out.push(Uint8Array.from({ length: n }, (_, i) => TEXT.charCodeAt((i * 7 + Math.floor(rnd() * 3)) % TEXT.length)));
    for (const period of [1, 2, 3, 4, 7, 8, 9, 15, 16, 19]) out.push(Uint8Array.from({ length: n }, (_, i) => (i % period) * 37 + (rnd() < 0.02 ? 1 : 0)));
  }
  return out;
}

describe("lz4 in WebAssembly", () => {
  test("the embedded module is store/lz4.wat compiled (bun scripts/wasm.ts)", async () => {
    expect(Buffer.from(await compileLz4()).toString("base64")).toBe(LZ4_WASM);
  });

  test("valid blocks: the same bytes as the TypeScript decoder, also into a larger or a smaller dst", () => {
    let valid = 0;
    for (const data of inputs()) {
      const block = lz4Compress(data).slice();
      for (const size of [data.length, data.length + 40, Math.max(0, data.length - 1)]) if (agree(block, size)) valid++;
    }
    expect(valid).toBeGreaterThan(250);
  });

  test("malformed blocks (bit flips, truncations, garbage): refused exactly where the TypeScript decoder throws", () => {
    const rnd = seededRandom(5);
    let refused = 0, total = 0;
    const check = (b: Uint8Array, size: number) => (total++, agree(b, size) || refused++);
    for (const data of inputs().filter((d) => d.length >= 64 && d.length <= 20_000)) {
      const block = lz4Compress(data).slice();
      for (let i = 0; i < 60; i++) {
        const bad = block.slice();
        for (let f = 1 + Math.floor(rnd() * 3); f > 0; f--) bad[Math.floor(rnd() * bad.length)]! ^= 1 << Math.floor(rnd() * 8);
        check(bad, data.length);
      }
      for (let len = 0; len < block.length; len += 1 + Math.floor(block.length / 50)) check(block.subarray(0, len), data.length);
    }
    for (let i = 0; i < 500; i++) check(Uint8Array.from({ length: Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256)), Math.floor(rnd() * 400));
    expect(refused).toBeGreaterThan(total / 4);
  });
});
