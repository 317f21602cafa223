import { describe, expect, test } from "bun:test";
import { ArrayBuilder, concatArrays, sameType } from "../../store/arrow/concat.ts";
import { arrayFromValues, BOOL, F32, F64, fsl, I32, I64, item, list, NULL, struct, U32, U64, U8, UTF8 } from "../../store/arrow/make.ts";
import type { DataType } from "../../store/arrow/types.ts";
import { valueAt, type JsValue } from "../../store/arrow/values.ts";
import { chunkFromIpc, chunkToIpc } from "../../store/transport.ts";
import { batch, chunkBuilder } from "../../store/build.ts";

const values = (a: ReturnType<typeof arrayFromValues>): JsValue[] => Array.from({ length: a.length }, (_, i) => valueAt(a, i));
const bytes = (...b: number[]) => Uint8Array.from(b);

/** Each type with two batches of values (nulls included where the type allows them). */
const CASES: [string, DataType, JsValue[], JsValue[]][] = [
  ["null", NULL, [null, null], [null]],
  ["bool", BOOL, [true, null, false, true, true, false, true, false, true], [false, true, null]],
  ["u8", U8, [1, 2, null], [255]],
  ["i32", I32, [-5, null, 7], [2 ** 31 - 1, -(2 ** 31)]],
  ["u32", U32, [0xff0000ff], [null, 0]],
  ["i64", I64, [-(2n ** 63n), 5n], [2n ** 63n - 1n, null]],
  ["u64", U64, [2n ** 64n - 1n], [0n, null]],
  ["f16", { kind: "float", bits: 16 }, [1.5, -2, null], [65504, 0.000060975551605224609]],
  ["f32", F32, [0.5, null], [1.25]],
  ["f64", F64, [Math.PI], [null, -0]],
  ["timestamp", { kind: "timestamp", unit: "ns", tz: null }, [1_741_723_087_156_534_000n], [null, -1n]],
  ["utf8", UTF8, ["héllo", null, ""], ["wörld", "!"]],
  ["large_utf8", { kind: "large_utf8" }, ["a", null], ["bc"]],
  ["binary", { kind: "binary" }, [bytes(1, 2), null], [bytes(), bytes(3)]],
  ["large_binary", { kind: "large_binary" }, [bytes(9)], [null, bytes(8, 7)]],
  ["fixed_size_binary", { kind: "fixed_size_binary", size: 2 }, [bytes(1, 2), null], [bytes(3, 4)]],
  ["list<u32>", { kind: "list", child: item(U32) }, [[1, 2], null, []], [[3, null], [4]]],
  ["large_list<utf8>", { kind: "large_list", child: item(UTF8) }, [["a"], null], [[], ["b", "c"]]],
  ["fsl<3,f32>", fsl(3, F32), [[1, 2, 3], null], [[4, 5, 6]]],
  ["list<fsl<3,f32>>", list(fsl(3, F32)), [[[1, 2, 3], [4, 5, 6]], []], [null, [[7, 8, 9]]]],
  ["struct", struct([["x", F32], ["name", UTF8, true]]), [{ x: 1, name: "a" }, null], [{ x: 2, name: null }]],
  [
    "sparse union",
    { kind: "union", mode: "sparse", typeIds: [0, 1], children: [item(U8), item(UTF8)].map((f, i) => ({ ...f, name: ["n", "s"][i]! })) },
    [{ n: 1 }, { s: "x" }],
    [{ s: "y" }, { n: 2 }],
  ],
  [
    "dense union (TensorBuffer-like)",
    { kind: "union", mode: "dense", typeIds: [0, 3, 10], children: [item(NULL), item(list(U32), false), item(list(F32), false)].map((f, i) => ({ ...f, name: ["_null_markers", "U32", "F32"][i]! })) },
    [{ U32: [1, 2] }, { F32: [0.5] }, { U32: [3] }],
    [{ F32: [1.5, 2.5] }, { U32: [] }],
  ],
];

describe("concatArrays", () => {
  for (const [name, type, a, b] of CASES) {
    test(`${name}: concatenation equals the joined values`, () => {
      const out = concatArrays([arrayFromValues(type, a), arrayFromValues(type, b)]);
      expect(out.length).toBe(a.length + b.length);
      expect(values(out)).toEqual(values(arrayFromValues(type, [...a, ...b])));
      if (type.kind !== "null" && type.kind !== "union") expect(out.nullCount).toBe([...a, ...b].filter((v) => v === null).length);
    });
  }

  test("slices: appending ranges of an array", () => {
    const type = list(fsl(3, F32));
    const src = arrayFromValues(type, [[[1, 2, 3]], null, [[4, 5, 6], [7, 8, 9]], []]);
    const b = new ArrayBuilder(type);
    b.append(src, 2, 4);
    b.append(src, 0, 2);
    expect(values(b.seal())).toEqual([[[4, 5, 6], [7, 8, 9]], [], [[1, 2, 3]], null]);
  });

  test("offsets that do not start at zero (as other writers may send) are rebased", () => {
    const child = arrayFromValues(UTF8, ["skip", "skip", "a", "b", "c"]);
    const a = { type: { kind: "list", child: item(UTF8) } as DataType, length: 2, nullCount: 0, validity: null, offsets: Int32Array.of(2, 3, 5), values: null, typeIds: null, children: [child] };
    const out = concatArrays([a, a]);
    expect(values(out)).toEqual([["a"], ["b", "c"], ["a"], ["b", "c"]]);
    expect(Array.from(out.offsets as Int32Array)).toEqual([0, 1, 3, 4, 6]);
  });

  test("empty input needs the type", () => {
    expect(concatArrays([], UTF8)).toMatchObject({ length: 0, nullCount: 0 });
  });

  test("growable builder: views stay valid while it grows, seal copies exactly", () => {
    const b = new ArrayBuilder(U32);
    const one = arrayFromValues(U32, [7]);
    b.append(one);
    const early = b.view();
    for (let i = 0; i < 10_000; i++) b.append(one);
    expect(values(early)).toEqual([7]);
    const sealed = b.seal();
    expect(sealed.length).toBe(10_001);
    expect((sealed.values as Uint32Array).buffer.byteLength).toBe(10_001 * 4);
    expect(b.bytes()).toBe(10_001 * 4);
  });

  test("100k one-row appends cost linear time (amortised growth)", () => {
    const type = list(fsl(3, F32));
    const row = arrayFromValues(type, [[[1, 2, 3]]]);
    const run = (n: number): number => {
      const b = new ArrayBuilder(type);
      const t = performance.now();
      for (let i = 0; i < n; i++) b.append(row);
      return performance.now() - t;
    };
    run(10_000);
    const small = run(20_000), big = run(200_000);
    expect(big / small).toBeLessThan(30); // quadratic would be ~100
  });

  test("concatenated columns survive an IPC round trip", () => {
    const a = chunkBuilder("/x").row({ frame: 1 }, [batch("c", list(fsl(3, F32)), [[[1, 2, 3]]])]).build();
    const col = a.components[0]!;
    const data = concatArrays([col.data, col.data, col.data]);
    const three = { ...a, numRows: 3, rowIdTimeNs: new BigUint64Array(3), rowIdInc: BigUint64Array.of(1n, 2n, 3n), timelines: [{ ...a.timelines[0]!, values: BigInt64Array.of(1n, 2n, 3n) }], components: [{ ...col, data }] };
    const back = chunkFromIpc(chunkToIpc(three));
    expect(values(back.components[0]!.data)).toEqual([[[[1, 2, 3]]], [[[1, 2, 3]]], [[[1, 2, 3]]]]);
  });

  test("NaN values keep their exact bits (payload and sign) through short and long appends", () => {
    for (const [type, Bits, nans] of [
      [F32, Uint32Array, [0x7fa00001, 0xffc00123, 0x7f800001]],
      [F64, BigUint64Array, [0x7ff0000000000123n, 0xfff8000000000001n]],
    ] as const) {
      const bits = (a: { buffer: ArrayBufferLike; byteOffset: number; length: number }) => [...new Bits(a.buffer as ArrayBuffer, a.byteOffset, a.length)];
      const src = arrayFromValues(type, nans.map(() => 1.5));
      new Bits(src.values!.buffer as ArrayBuffer, src.values!.byteOffset, nans.length).set(nans as never);
      const b = new ArrayBuilder(type);
      for (let i = 0; i < nans.length; i++) b.append(src, i, i + 1);
      b.append(src);
      expect(bits(b.seal().values!)).toEqual([...nans, ...nans]);
    }
  });

  test("sameType compares layouts, not object identity", () => {
    expect(sameType(fsl(3, F32), fsl(3, F32))).toBe(true);
    expect(sameType(fsl(3, F32), fsl(2, F32))).toBe(false);
    expect(sameType(list(U32), { kind: "list", child: item(U32) })).toBe(false); // child nullability differs
  });
});
