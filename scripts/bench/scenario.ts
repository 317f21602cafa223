/** What a benchmark scenario is and what it reports: rows of our figure, an anchor measured in the same run, a target. */
import type { Stat } from "./measure.ts";

/** `tiny` runs in seconds (CI); `full` is the size the targets are set for. */
export type Size = "tiny" | "full";

/** A measured figure and its unit, e.g. MB/s. */
export interface Figure extends Stat {
  unit: string;
}

/** A pass condition on the ratio (ours ÷ anchor) or on our own figure. */
export interface Target {
  on: "ratio" | "ours";
  op: ">=" | "<=";
  value: number;
}

/** One line of the results table. */
export interface Row {
  scenario: string;
  ours: Figure;
  anchor: Figure & { name: string };
  /** Null for rows that only give context (a second anchor). */
  target: Target | null;
  note?: string;
}

/** A benchmark: an id such as `B3`, a one-line title, and a run at one size. */
export interface Scenario {
  id: string;
  title: string;
  run(size: Size): Row[] | Promise<Row[]>;
  /** Remarks gathered while running (printed under the table), if the scenario keeps any. */
  notes?: () => readonly string[];
}

/** Our median over the anchor's median. */
export function ratioOf(row: Row): number {
  return row.ours.median / row.anchor.median;
}

/** Whether the row meets its target (true for rows without one). */
export function passes(row: Row): boolean {
  const t = row.target;
  if (!t) return true;
  const v = t.on === "ratio" ? ratioOf(row) : row.ours.median;
  return t.op === ">=" ? v >= t.value : v <= t.value;
}
