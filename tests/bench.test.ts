import { expect, test } from "bun:test";
import { SCENARIOS } from "../scripts/bench/scenarios.ts";

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
