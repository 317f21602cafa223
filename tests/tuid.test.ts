/** Chunk ids from their `rerun.id` text (store/tuid.ts). */
import { expect, test } from "bun:test";
import { tuidFromHex, tuidToBigInt, tuidToString } from "../store/tuid.ts";

test("1–32 hex digits, either case, give the 128-bit value they spell", () => {
  let x = 0x9e3779b97f4a7c15f39cc0605cedc834n;
  for (let i = 0; i < 2000; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 128n) - 1n);
    const v = x >> BigInt(i % 128);
    const hex = v.toString(16);
    for (const s of [hex, hex.toUpperCase(), hex.padStart(32, "0")]) expect(tuidToBigInt(tuidFromHex(s)!)).toBe(v);
  }
  expect(tuidToString(tuidFromHex("182BD7EB730FED5C2E18321480000002")!)).toBe("182BD7EB730FED5C2E18321480000002");
  expect(tuidFromHex("f".repeat(32))).toEqual({ timeNs: 2n ** 64n - 1n, inc: 2n ** 64n - 1n });
  expect(tuidFromHex("1")).toEqual({ timeNs: 0n, inc: 1n });
});

test("anything else is refused", () => {
  for (const s of ["", "0".repeat(33), "g", "12 34", "-1", "0x1", "1f\u0660", "+1", "１"]) expect(tuidFromHex(s)).toBeNull();
});
