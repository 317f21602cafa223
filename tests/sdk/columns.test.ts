/** sendColumns: one chunk per call, rows partitioned as asked, no log_time/log_tick. */
import { describe, expect, spyOn, test } from "bun:test";
import * as rr from "../../sdk/index.ts";
import { cell, record, sig } from "./decode.ts";

describe("sendColumns", () => {
  test("a scalar series: one row per index value, only the given timelines", () => {
    const [c] = record((rec) => rec.sendColumns("s", [new rr.TimeSequenceColumn("step", [0, 1, 2]), new rr.TimeSecondsColumn("t", [1.5, 2, 2.5])], rr.Scalar.columns({ scalar: [10, 20, 30] })));
    expect(c!.numRows).toBe(3);
    expect(c!.timelines.map((t) => [t.name, t.type, [...t.values]])).toEqual([["step", "Sequence", [0n, 1n, 2n]], ["t", "Time", [1_500_000_000n, 2_000_000_000n, 2_500_000_000n]]]);
    expect([0, 1, 2].map((i) => cell(c!, "scalar", i))).toEqual([[10], [20], [30]]);
    expect([0, 1, 2].map((i) => cell(c!, "rerun.components.ScalarIndicator", i))).toEqual([[], [], []]);
    expect(sig(c!.components.find((x) => x.descriptor.archetypeField === "scalar")!.field.type)).toBe("List<f64?>");
  });

  test("partition regroups instances into rows; nanosecond columns; static columns without indexes", () => {
    const chunks = record((rec) => {
      rec.sendColumns("p", [new rr.TimeNanosColumn("t", [5n, 6n])], rr.Points3D.columns({ positions: new Float32Array(9), radii: [1, 2, 3] }).partition([1, 2]));
      rec.sendColumns("static", [], [rr.Points3D.columns({ positions: [[1, 2, 3]] }).columns[1]!]);
    });
    expect([0, 1].map((i) => cell(chunks[0]!, "radii", i))).toEqual([[1], [2, 3]]);
    expect(chunks[0]!.timelines.map((t) => [t.name, t.type])).toEqual([["t", "Time"]]);
    expect(chunks[1]!.timelines).toEqual([]);
    expect(cell(chunks[1]!, "positions")).toEqual([[1, 2, 3]]);
  });

  test("columns of different lengths are refused", () => {
    const warn = spyOn(console, "warn").mockImplementation(() => {});
    try {
      const chunks = record((rec) => rec.sendColumns("bad", [new rr.TimeSequenceColumn("step", [0, 1])], rr.Scalar.columns({ scalar: [1, 2, 3] })));
      expect(chunks).toEqual([]);
      expect(warn.mock.calls[0]![0]).toBe(`RerunWarning: sendColumns("bad"): component 'rerun.components.ScalarIndicator' has 3 rows, expected 2`);
      expect(() => rr.Scalar.columns({ scalar: [1, 2] }).columns[1]!.partition([1, 2])).toThrow("partition lengths add up to 3");
    } finally {
      warn.mockRestore();
    }
  });
});
