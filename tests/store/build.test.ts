import { describe, expect, test } from "bun:test";
import { arrayFromValues, BOOL, F32, fsl, NULL, U32, UTF8 } from "../../store/arrow/make.ts";
import { valueAt } from "../../store/arrow/values.ts";
import { batch, chunkBuilder, descriptor, indicator, timeNs } from "../../store/build.ts";
import { chunkFromIpc, chunkToIpc } from "../../store/transport.ts";

const POS = descriptor("rerun.components.Position3D", "rerun.archetypes.Points3D", "positions");

describe("chunkBuilder", () => {
  const t = 1_741_723_087_156_534_000n;
  const chunk = chunkBuilder("/points")
    .row({ frame: 7, log_time: timeNs(t) }, [batch(POS, fsl(3, F32), [[1, 2, 3]]), batch("rerun.components.Points3DIndicator", NULL, [null])], { timeNs: 5n, inc: 1n })
    .row({ frame: 8, log_time: timeNs(t + 1n) }, [batch(POS, fsl(3, F32), []), batch("rerun.components.Text", UTF8, ["hi"])], { timeNs: 5n, inc: 2n })
    .build();

  test("makes the §4 layout: times, descriptors, null = absent, empty = cleared", () => {
    expect(chunk.numRows).toBe(2);
    expect(chunk.isSorted).toBe(true);
    expect(chunk.timelines.map((c) => [c.name, c.type, [...c.values], c.sorted])).toEqual([
      ["frame", "Sequence", [7n, 8n], true],
      ["log_time", "Time", [t, t + 1n], true],
    ]);
    const [pos, ind, text] = chunk.components;
    expect(pos!.descriptor).toEqual(POS);
    expect(pos!.field.metadata).toEqual(new Map([["rerun.archetype_field_name", "positions"], ["rerun.archetype_name", "rerun.archetypes.Points3D"], ["rerun.kind", "data"]]));
    expect([valueAt(pos!.data, 0), valueAt(pos!.data, 1)]).toEqual([[[1, 2, 3]], []]);
    expect([valueAt(ind!.data, 0), valueAt(ind!.data, 1)]).toEqual([[null], null]);
    expect([valueAt(text!.data, 0), valueAt(text!.data, 1)]).toEqual([null, ["hi"]]);
  });

  test("round-trips through chunkToIpc / chunkFromIpc", () => {
    const back = chunkFromIpc(chunkToIpc(chunk));
    expect(back.entityPath).toBe("/points");
    expect(back.id).toEqual(chunk.id);
    expect(back.isSorted).toBe(true);
    expect([...back.rowIdInc]).toEqual([1n, 2n]);
    expect(back.timelines.map((c) => [c.name, c.type, [...c.values], c.sorted])).toEqual(chunk.timelines.map((c) => [c.name, c.type, [...c.values], c.sorted]));
    for (const col of chunk.components) {
      const b = back.components.find((c) => c.descriptor.component === col.descriptor.component)!;
      expect(b.descriptor).toEqual(col.descriptor);
      expect([0, 1].map((i) => valueAt(b.data, i))).toEqual([0, 1].map((i) => valueAt(col.data, i)));
    }
  });

  test("indicators are a bare descriptor with one null", () => {
    expect(indicator("rerun.archetypes.Points3D")).toEqual(batch("rerun.components.Points3DIndicator", NULL, [null]));
    expect(indicator("rerun.blueprint.archetypes.Background").descriptor.component).toBe("rerun.blueprint.components.BackgroundIndicator");
  });

  test("rows without times make a static chunk; unsorted rows are flagged", () => {
    const s = chunkBuilder("/s").row({}, [batch("c", BOOL, [true])]).build();
    expect(s.timelines).toEqual([]);
    expect(chunkFromIpc(chunkToIpc(s)).timelines).toEqual([]);
    const u = chunkBuilder("/u").row({ frame: 2 }, [], { timeNs: 1n, inc: 2n }).row({ frame: 1 }, [], { timeNs: 1n, inc: 1n }).build();
    expect([u.isSorted, u.timelines[0]!.sorted, u.timelines[0]!.field.metadata.has("rerun.is_sorted")]).toEqual([false, false, false]);
  });

  test("rejects rows with different timelines or a component changing type", () => {
    expect(() => chunkBuilder("/x").row({ frame: 1 }, []).row({ tick: 1 }, []).build()).toThrow("same timelines");
    expect(() => chunkBuilder("/x").row({ frame: 1 }, [batch("c", U32, [1])]).row({ frame: 2 }, [batch("c", F32, [1])]).build()).toThrow("changes type");
  });

  test("float16 values are encoded as IEEE half bits", () => {
    const a = arrayFromValues({ kind: "float", bits: 16 }, [1.5, 65504, 6.097555160522461e-5, 2 ** -24, -0, 1e6]);
    expect([...(a.values as Uint16Array)]).toEqual([0x3e00, 0x7bff, 0x03ff, 0x0001, 0x8000, 0x7c00]);
  });
});
