import { expect, test } from "bun:test";
import type { Row } from "../scripts/bench/scenario.ts";
import { SCENARIOS } from "../scripts/bench/scenarios.ts";
import { ratioText } from "../scripts/bench/table.ts";

// Every benchmark scenario once at tiny size so the suite cannot rot; figures are checked for sanity, never for speed.
for (const s of SCENARIOS) {
  test(`${s.id} runs at tiny size and reports finite positive figures`, async () => {
    const rows = await s.run("tiny");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      for (const f of [r.ours, r.anchor]) {
        for (const v of [f.median, f.min, f.max]) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThan(0);
        }
      }
    }
  }, 60_000);
}

test("a ratio that misses its target is never printed as the target itself", () => {
  const row = (ours: number, op: ">=" | "<=", value: number): Row => ({
    scenario: "x", ours: { median: ours, min: ours, max: ours, unit: "MB/s" }, anchor: { median: 1, min: 1, max: 1, unit: "MB/s", name: "a" },
    target: { on: "ratio", op, value },
  });
  expect(ratioText(row(0.4997, ">=", 0.5))).toBe("0.4997");
  expect(ratioText(row(0.5003, ">=", 0.5))).toBe("0.50");
  expect(ratioText(row(1.0304, "<=", 1.03))).toBe("1.0304");
  expect(ratioText(row(0.612, ">=", 0.5))).toBe("0.61");
});
