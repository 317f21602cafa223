/** What user values become: colors, vectors, matrices, shapes, partial updates, clears, paths, AnyValues. */
import { describe, expect, spyOn, test } from "bun:test";
import * as rr from "../../sdk/index.ts";
import { cell, record } from "./decode.ts";

const one = (value: rr.Loggable, path = "e") => record((rec) => rec.log(path, value))[0]!;
const f32 = (xs: number[]) => xs.map((x) => Math.fround(x));

describe("colors", () => {
  test("RGB and RGBA bytes (by instance count), packed u32, 0–1 floats, one [r, g, b]", () => {
    const rgb = one(new rr.Points3D(new Float32Array(6), { colors: new Uint8Array([255, 0, 0, 0, 255, 0]) }));
    expect(cell(rgb, "colors")).toEqual([0xff0000ff, 0x00ff00ff]);
    const rgba = one(new rr.Points3D(new Float32Array(9), { colors: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) }));
    expect(cell(rgba, "colors")).toEqual([0x01020304, 0x05060708, 0x090a0b0c]);
    const rgb4 = one(new rr.Points3D(new Float32Array(12), { colors: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) }));
    expect(cell(rgb4, "colors")).toEqual([0x010203ff, 0x040506ff, 0x070809ff, 0x0a0b0cff]);
    expect(cell(one(new rr.Points3D([[0, 0, 0]], { colors: new Uint32Array([0x11223344]) })), "colors")).toEqual([0x11223344]);
    expect(cell(one(new rr.Points3D([[0, 0, 0]], { colors: new Float32Array([1, 0.5, 0]) })), "colors")).toEqual([0xff8000ff]);
    expect(cell(one(new rr.TextLog("x", { color: [10, 20, 30] })), "color")).toEqual([0x0a141eff]);
    expect(cell(one(new rr.TextLog("x", { color: [[10, 20, 30, 40]] })), "color")).toEqual([0x0a141e28]);
    expect(cell(one(new rr.Points2D([[0, 0], [1, 1]], { colors: [0xff0000ff, 0x00ff00ff] })), "colors")).toEqual([0xff0000ff, 0x00ff00ff]);
  });
});

describe("spatial values", () => {
  test("flat and nested vectors give the same instances; typed arrays are copied at log time", () => {
    const buf = new Float32Array([1, 2, 3, 4, 5, 6]);
    const chunks = record((rec) => {
      rec.log("a", new rr.Points3D(buf));
      buf.fill(0);
      rec.log("b", new rr.Points3D([[1, 2, 3], [4, 5, 6]]));
    });
    expect(cell(chunks[0]!, "positions")).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(cell(chunks[1]!, "positions")).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  test("3×3 matrices: rows are transposed to column-major, 9 flat numbers are column-major", () => {
    const t = one(new rr.Transform3D({ mat3x3: [[1, 2, 3], [4, 5, 6], [7, 8, 9]] }));
    expect(cell(t, "mat3x3")).toEqual([[1, 4, 7, 2, 5, 8, 3, 6, 9]]);
    const p = one(new rr.Pinhole({ focalLength: [100, 200], principalPoint: [32, 24], resolution: [64, 48] }));
    expect(cell(p, "image_from_camera")).toEqual([[100, 0, 0, 0, 200, 0, 32, 24, 1]]);
    expect(cell(p, "resolution")).toEqual([[64, 48]]);
    const fov = one(new rr.Pinhole({ fovY: Math.PI / 2, aspectRatio: 2 }));
    expect(cell(fov, "resolution")).toEqual([[2, 1]]);
    expect(cell(fov, "image_from_camera")).toEqual([f32([0.5, 0, 0, 0, 0.5, 0, 1, 0.5, 1])]);
  });

  test("Transform3D: Python's clear=True logs every other field empty; rotation and uniform scale", () => {
    const t = one(new rr.Transform3D({ translation: [1, 2, 3], rotation: { axis: [0, 0, 1], degrees: 180 }, scale: 2 }));
    expect(cell(t, "translation")).toEqual([[1, 2, 3]]);
    expect(cell(t, "rotation_axis_angle")).toEqual([{ axis: [0, 0, 1], angle: Math.fround(Math.PI) }]);
    expect(cell(t, "scale")).toEqual([[2, 2, 2]]);
    for (const f of ["quaternion", "mat3x3", "relation", "axis_length"]) expect(cell(t, f)).toEqual([]);
    const kept = one(new rr.Transform3D({ quaternion: { xyzw: [0, 0, 0, 1] }, fromParent: true, clear: false }));
    expect(kept.components.map((c) => c.descriptor.archetypeField).filter(Boolean).sort()).toEqual(["quaternion", "relation"]);
    expect(cell(kept, "relation")).toEqual([2]);
  });

  test("Boxes from sizes and mins; ViewCoordinates constants match Python's", () => {
    const b = one(new rr.Boxes2D({ sizes: [[4, 2]], mins: [[10, 20]] }));
    expect(cell(b, "half_sizes")).toEqual([[2, 1]]);
    expect(cell(b, "centers")).toEqual([[12, 21]]);
    expect(cell(one(rr.ViewCoordinates.RIGHT_HAND_Z_UP), "xyz")).toEqual([[3, 5, 1]]);
    expect(cell(one(rr.ViewCoordinates.LEFT_HAND_Y_DOWN), "xyz")).toEqual([[3, 2, 6]]);
    expect(cell(one(new rr.ViewCoordinates("FLU")), "xyz")).toEqual([[5, 4, 1]]);
  });
});

describe("images and tensors", () => {
  test("image format from shape and typed array; raw NV12 bytes", () => {
    const rgb = one(new rr.Image({ data: new Uint8Array(2 * 3 * 3), shape: [2, 3, 3] }));
    expect(cell(rgb, "format")).toEqual([{ width: 3, height: 2, pixel_format: null, color_model: 2, channel_datatype: 6 }]);
    const bgra = one(new rr.Image({ data: new Float32Array(2 * 2 * 4), shape: [2, 2, 4] }, "BGRA"));
    expect(cell(bgra, "format")).toEqual([{ width: 2, height: 2, pixel_format: null, color_model: 5, channel_datatype: 34 }]);
    expect((cell(bgra, "buffer") as Uint8Array[])[0]!.length).toBe(64);
    const nv12 = one(new rr.Image(null, null, { bytes: new Uint8Array(6), width: 2, height: 2, pixelFormat: "NV12" }));
    expect(cell(nv12, "format")).toEqual([{ width: 2, height: 2, pixel_format: 26, color_model: null, channel_datatype: null }]);
    const depth = one(new rr.DepthImage({ data: new Uint16Array(6), shape: [2, 3] }, { meter: 1000 }));
    expect(cell(depth, "format")).toEqual([{ width: 3, height: 2, pixel_format: null, color_model: null, channel_datatype: 8 }]);
  });

  test("tensor data: shape, names and the typed union member", () => {
    const t = one(new rr.Tensor({ data: Int16Array.of(1, 2, 3, 4, 5, 6), shape: [2, 3] }, { dimNames: ["rows", "cols"] }));
    expect(cell(t, "data")).toEqual([{ shape: [2n, 3n], names: ["rows", "cols"], buffer: { I16: [1, 2, 3, 4, 5, 6] } }]);
    const bars = one(new rr.BarChart([1.5, 2.5]));
    expect(cell(bars, "values")).toEqual([{ shape: [2n], names: null, buffer: { F64: [1.5, 2.5] } }]);
  });
});

describe("partial updates and clears (0.22)", () => {
  test("fromFields logs only the indicator and the given fields; cleared() logs every field empty", () => {
    const partial = one(rr.Points3D.fromFields({ colors: [[255, 0, 0]] }));
    expect(partial.components.map((c) => c.descriptor.component).sort()).toEqual(["rerun.components.Color", "rerun.components.Points3DIndicator"]);
    const cleared = one(rr.Points3D.cleared());
    expect(cleared.components.length).toBe(8);
    for (const c of cleared.components.filter((c) => c.descriptor.archetypeField)) expect(cell(cleared, c.descriptor.archetypeField!)).toEqual([]);
    const unset = one(rr.Boxes2D.fromFields({ halfSizes: [[1, 1]] }, { clearUnset: true }));
    expect(cell(unset, "half_sizes")).toEqual([[1, 1]]);
    expect(cell(unset, "colors")).toEqual([]);
  });

  test("fields absent from some rows of a chunk are null there; cleared ones are empty", () => {
    const [c] = record((rec) => {
      rec.log("p", new rr.Points3D([[1, 1, 1]], { colors: [255, 0, 0] }));
      rec.log("p", rr.Points3D.fromFields({ positions: [[2, 2, 2]] }));
      rec.log("p", rr.Points3D.fromFields({ colors: [] }));
    });
    expect(c!.numRows).toBe(3);
    expect([0, 1, 2].map((i) => cell(c!, "colors", i))).toEqual([[0xff0000ff], null, []]);
  });
});

describe("entity paths, AnyValues, component batches", () => {
  test("paths are normalized and escaped as Rerun writes them", () => {
    const paths = record((rec) => {
      rec.log("world/points", new rr.Scalar(1));
      rec.log("/world//a/", new rr.Scalar(1));
      rec.log(["my robot", "arm:1"], new rr.Scalar(1));
    }).map((c) => c.entityPath);
    expect(paths).toEqual(["/world/points", "/world/a", "/my\\ robot/arm\\:1"]);
  });

  test("AnyValues types its values; component batches log next to archetypes", () => {
    const c = one([new rr.AnyValues({ confidence: [0.5, 0.25], label: "car", ok: true, big: 5n, raw: new Uint16Array([7]) }), rr.components.Color.batch([1, 2, 3])]);
    expect(c.components.map((x) => [x.descriptor.component, x.descriptor.archetype]).sort()).toEqual(
      [["big", null], ["confidence", null], ["label", null], ["ok", null], ["raw", null], ["rerun.components.Color", null]],
    );
    expect(cell(c, "confidence")).toEqual([0.5, 0.25]);
    expect(cell(c, "big")).toEqual([5n]);
    expect(cell(c, "raw")).toEqual([7]);
    expect(cell(c, "rerun.components.Color")).toEqual([0x010203ff]);
  });
});

describe("misuse", () => {
  test("bad input warns and leaves the field out; strict mode throws", () => {
    const warn = spyOn(console, "warn").mockImplementation(() => {});
    try {
      const c = one(new rr.Points3D([1, 2], { radii: 1 }));
      expect(c.components.map((x) => x.descriptor.archetypeField).filter(Boolean)).toEqual(["radii"]);
      expect(warn.mock.calls[0]![0]).toBe("RerunWarning: Points3D.positions: 2 numbers do not make whole 3-vectors");
      rr.setStrictMode(true);
      expect(() => new rr.Points3D([1, 2])).toThrow(rr.RerunError);
      const rec = rr.newRecording("strict");
      expect(() => rec.setTimeSequence("frame", 1.5)).toThrow("setTimeSequence('frame') must be an integer, got 1.5");
      expect(() => rec.log("x", { static: true }, new rr.Scalar(1))).toThrow("log() options must be the last argument");
    } finally {
      rr.setStrictMode(false);
      warn.mockRestore();
    }
  });

  test("RERUN=off disables recordings; RERUN_STRICT=1 turns warnings into errors", async () => {
    const { runBun } = await import("./run.ts");
    const script = "import * as rr from './sdk/index.ts'; const r = rr.init('x'); console.log(r.enabled); new rr.Points3D([1]);";
    const off = await runBun("-e", [script], { RERUN: "off" });
    expect(new TextDecoder().decode(off.stdout)).toBe("false\n");
    expect(off.stderr).toContain("RerunWarning: Points3D.positions");
    const strict = await runBun("-e", [script], { RERUN_STRICT: "1" });
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain("RerunError: Points3D.positions");
  });
});
