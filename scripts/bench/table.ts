/** The results table: one markdown row per figure, with ratio, target and PASS/FAIL. */
import { type Figure, passes, ratioOf, type Row, type Target } from "./scenario.ts";

/** A number to about three significant digits. */
export function num(v: number): string {
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toPrecision(2);
}

function figure(f: Figure): string {
  return f.min === f.max ? `${num(f.median)} ${f.unit}` : `${num(f.median)} ${f.unit} (${num(f.min)}–${num(f.max)})`;
}

function target(t: Target | null, unit: string): string {
  if (!t) return "—";
  return t.on === "ratio" ? `ratio ${t.op === ">=" ? "≥" : "≤"} ${t.value < 1 ? `${t.value * 100} %` : t.value}` : `${t.op === ">=" ? "≥" : "≤"} ${t.value} ${unit}`;
}

/** The ratio to two decimals, or to four where two would show the target itself on a row that misses it (0.4997 is not 0.50). */
export function ratioText(r: Row): string {
  const two = ratioOf(r).toFixed(2);
  return r.target?.on === "ratio" && Number(two) === r.target.value && !passes(r) ? ratioOf(r).toFixed(4) : two;
}

/** Renders rows as a markdown table. */
export function formatTable(rows: Row[]): string {
  const head = ["scenario", "ours", "anchor", "ratio", "target", "result"];
  const body = rows.map((r) => [
    r.scenario + (r.note ? ` (${r.note})` : ""),
    figure(r.ours),
    `${figure(r.anchor)}: ${r.anchor.name}`,
    ratioText(r),
    target(r.target, r.ours.unit),
    r.target ? (passes(r) ? "PASS" : "FAIL") : "info",
  ]);
  const all = [head, ...body];
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(" | ")} |`;
  return [line(head), `|${w.map((n) => "-".repeat(n + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
