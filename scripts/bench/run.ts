/**
 * The benchmark runner: `bun scripts/bench/run.ts [--size tiny|full] [B1 B3 …]` runs the chosen
 * scenarios (all by default) and prints the results table. Exits 0 unless a scenario throws.
 */
import "../../server/malloc.ts"; // first: the suite measures the allocator settings `rerun` runs with
import { cpus } from "node:os";
import { join } from "node:path";
import type { Row, Size } from "./scenario.ts";
import { SCENARIOS } from "./scenarios.ts";
import { formatTable } from "./table.ts";

const args = process.argv.slice(2);
let size: Size = "full";
const ids: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === "--size" && (args[i + 1] === "tiny" || args[i + 1] === "full")) size = args[++i] as Size;
  else if (/^B\d+$/i.test(a)) ids.push(a.toUpperCase());
  else {
    console.error(`usage: bun scripts/bench/run.ts [--size tiny|full] [${SCENARIOS.map((s) => s.id).join(" ")} …]`);
    process.exit(2);
  }
}
const chosen = SCENARIOS.filter((s) => ids.length === 0 || ids.includes(s.id));
const unknown = ids.filter((id) => !SCENARIOS.some((s) => s.id === id));
if (unknown.length > 0) console.error(`unknown scenario(s): ${unknown.join(", ")}`);

process.chdir(join(import.meta.dir, "../.."));
console.log(`${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, bun ${Bun.version}, size ${size}`);
const rows: Row[] = [];
let failed = false;
for (const s of chosen) {
  console.error(`${s.id}: ${s.title} …`);
  const t = performance.now();
  try {
    rows.push(...(await s.run(size)));
  } catch (e) {
    failed = true;
    console.error(`${s.id} threw: ${(e as Error).stack ?? e}`);
  }
  console.error(`${s.id}: done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
console.log(formatTable(rows));
for (const s of chosen) for (const n of s.notes?.() ?? []) console.log(`- ${s.id}: ${n}`);
console.log("Figures: median (min–max) of 5 timed runs after a warm-up, ours and anchors interleaved run by run (B13: 21 runs after 2 each); ratio = ours ÷ anchor medians.");
process.exit(failed ? 1 : 0);
