/** Replayed record-batch layouts (store/arrow/replay.ts): same result as a full read, and body checks still run. */
import { expect, test } from "bun:test";
import { F32, F64, fsl, U32 } from "../store/arrow/make.ts";
import { checkOffsetsIn } from "../store/arrow/offsets.ts";
import { readIpcStream } from "../store/arrow/read.ts";
import { replayCount } from "../store/arrow/replay.ts";
import { batch, chunkBuilder, descriptor } from "../store/build.ts";
import { ChunkRow, chunkFromIpc, chunkToIpc, readChunk } from "../store/transport.ts";

/** One-row chunks of one layout (per `archetype`: each test starts from a schema not seen before); row `i` holds 1 point, colour and radius derived from `i`. */
function points(i: number, archetype = "rerun.archetypes.Points3D"): Uint8Array {
  const P = (f: string, c: string) => descriptor(`rerun.components.${c}`, archetype, f);
  return chunkToIpc(
    chunkBuilder("/replay/points").row({ frame: i }, [
      batch(P("positions", "Position3D"), fsl(3, F32), [[i, i + 0.5, -i]]),
      batch(P("colors", "Color"), U32, [0xff000000 + i]),
      batch(P("radii", "Radius"), F32, [i / 4]),
    ]).build(),
  );
}

test("a recurring one-row layout is replayed, with the values of each new input as views over it", () => {
  chunkFromIpc(points(1));
  const before = replayCount();
  for (let i = 2; i < 6; i++) {
    const ipc = points(i);
    const c = chunkFromIpc(ipc);
    const pos = c.components.find((x) => x.descriptor.component.endsWith("Position3D"))!.data;
    const color = c.components.find((x) => x.descriptor.component.endsWith("Color"))!.data;
    expect([...(pos.children[0]!.children[0]!.values as Float32Array)]).toEqual([i, i + 0.5, -i]);
    expect([...(color.children[0]!.values as Uint32Array)]).toEqual([0xff000000 + i]);
    expect([...c.timelines[0]!.values]).toEqual([BigInt(i)]);
    expect(pos.children[0]!.children[0]!.values!.buffer).toBe(ipc.buffer);
  }
  expect(replayCount() - before).toBe(4);
});

test("a replayed batch equals the full read of the same bytes", () => {
  const ipc = points(7, "test.Equal");
  const before = replayCount();
  const full = readIpcStream(ipc);
  const replayed = readIpcStream(ipc.slice());
  expect(replayCount()).toBe(before + 1);
  const strip = (b: typeof full) => b.columns.map((c) => JSON.stringify(c, (_k, v) => (ArrayBuffer.isView(v) ? [...(v as Uint8Array)].map(String) : v)));
  expect(strip(replayed)).toEqual(strip(full));
});

test("list offsets are still checked on replay", () => {
  const first = points(8), second = points(9);
  chunkFromIpc(first);
  // Where the Radius list's offsets [0, 1] lie in `second` (its views are over `second` itself); make the end 2.
  const b = readIpcStream(second);
  const at = b.columns[b.schema.fields.findIndex((f) => f.name.endsWith("Radius"))]!.offsets!.byteOffset;
  const bad = second.slice();
  new DataView(bad.buffer).setInt32(at + 4, 2, true);
  const before = replayCount();
  expect(() => chunkFromIpc(bad)).toThrow("Offsets of 'rerun.components.Radius' end at 2, beyond the 1 available");
  expect(replayCount()).toBe(before + 1);
  // The store's reader, which leaves a replayed row unmade (after making the first of its layout), checks them as it reads too.
  expect(readChunk(second)).toBeInstanceOf(ChunkRow);
  expect(() => readChunk(bad)).toThrow("Offsets of 'rerun.components.Radius' end at 2, beyond the 1 available");
  // Offsets [1, 0]: decreasing.
  const down = second.slice();
  new DataView(down.buffer).setInt32(at, 1, true);
  new DataView(down.buffer).setInt32(at + 4, 0, true);
  expect(() => readChunk(down)).toThrow("Column 'rerun.components.Radius' has negative or decreasing offsets");
  expect(replayCount()).toBe(before + 4);
});

test("offsets read from bytes: i64 as well as i32, and never past their buffer", () => {
  const i64 = new Uint8Array(24);
  new DataView(i64.buffer).setBigInt64(8, 2n, true);
  new DataView(i64.buffer).setBigInt64(16, 3n, true);
  expect(() => checkOffsetsIn("l", i64, 0, true, 2, 3)).not.toThrow();
  expect(() => checkOffsetsIn("l", i64, 0, true, 2, 2)).toThrow("Offsets of 'l' end at 3, beyond the 2 available");
  new DataView(i64.buffer).setBigInt64(16, 2n ** 32n + 3n, true);
  expect(() => checkOffsetsIn("l", i64, 0, true, 2, 3)).toThrow(`Offsets of 'l' end at ${2 ** 32 + 3}, beyond the 3 available`);
  new DataView(i64.buffer).setBigInt64(16, -1n, true);
  expect(() => checkOffsetsIn("l", i64, 0, true, 2, 3)).toThrow("Column 'l' has negative or decreasing offsets");
  // Zeros past the end would pass as offsets: the bytes must hold all of them.
  expect(() => checkOffsetsIn("l", new Uint8Array(8), 0, false, 2, 5)).toThrow("Offsets of 'l' lie outside their buffer");
  expect(() => checkOffsetsIn("l", new Uint8Array(12), 4, false, 2, 5)).toThrow("Offsets of 'l' lie outside their buffer");
  expect(() => checkOffsetsIn("l", new Uint8Array(12), 0, false, 2, 5)).not.toThrow();
});

test("a layout differing in one buffer length is read in full", () => {
  chunkFromIpc(points(10));
  const P = (f: string, c: string) => descriptor(`rerun.components.${c}`, "rerun.archetypes.Points3D", f);
  const two = chunkToIpc(
    chunkBuilder("/replay/points").row({ frame: 11 }, [
      batch(P("positions", "Position3D"), fsl(3, F32), [[1, 2, 3], [4, 5, 6]]),
      batch(P("colors", "Color"), U32, [1, 2]),
      batch(P("radii", "Radius"), F32, [1, 2]),
    ]).build(),
  );
  const before = replayCount();
  const c = chunkFromIpc(two);
  expect(replayCount()).toBe(before);
  expect([...(c.components.find((x) => x.descriptor.component.endsWith("Position3D"))!.data.children[0]!.children[0]!.values as Float32Array)]).toEqual([1, 2, 3, 4, 5, 6]);
});

test("a schema whose one-row layouts never repeat stops being recorded", () => {
  const scalar = (i: number) =>
    chunkToIpc(chunkBuilder("/replay/scalars").row({ frame: i }, [batch(descriptor("rerun.components.Scalar", "rerun.archetypes.Scalar", "scalar"), F64, new Array(i + 1).fill(i))]).build());
  for (let i = 0; i < 40; i++) chunkFromIpc(scalar(i));
  // 16 layouts were recorded without a replay, then recording stopped; the 4 kept are the last recorded.
  const before = replayCount();
  for (let i = 16; i < 40; i++) expect(chunkFromIpc(scalar(i)).numRows).toBe(1);
  expect(replayCount()).toBe(before);
  for (let i = 12; i < 16; i++) expect(chunkFromIpc(scalar(i)).numRows).toBe(1);
  expect(replayCount()).toBe(before + 4);
});
