import { expect, test } from "bun:test";
import { remember, sameBytes } from "../store/arrow/same.ts";

/** Bytes 0..n-1 of a fixed pseudo-random sequence. */
function bytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) b[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return b;
}

test("sameBytes finds equal ranges and any single differing byte, short (JS loop) and long (native compare)", () => {
  const src = bytes(8192);
  for (const n of [3, 64, 255, 256, 257, 2464]) {
    for (const at of [0, 1, 4, 7]) {
      const want = remember(src, 100 + at, 100 + at + n);
      const hay = new Uint8Array(src.length + 16);
      hay.set(src, 8);
      expect(sameBytes(hay, 108 + at, want)).toBe(true);
      for (const k of [0, n >> 1, n - 1]) {
        const changed = hay.slice();
        changed[108 + at + k]! ^= 1;
        expect(sameBytes(changed, 108 + at, want)).toBe(false);
      }
    }
  }
});

test("sameBytes is false, not an error, when the range runs past the input or starts before it", () => {
  const src = bytes(1024);
  const want = remember(src, 0, 512);
  expect(sameBytes(src.subarray(0, 511), 0, want)).toBe(false);
  expect(sameBytes(src, 600, want)).toBe(false);
  expect(sameBytes(src, -1, want)).toBe(false);
  expect(sameBytes(src.subarray(0, 512), 0, want)).toBe(true);
});
