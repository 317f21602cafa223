/** B13: startup of the compiled binary to the end of `rerun --version`, against `true` and `bun -e 0`. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBinary } from "../build.ts";
import { rates, type Stat } from "./measure.ts";
import type { Scenario } from "./scenario.ts";

const RUNS = { tiny: 5, full: 21 };
/** What is timed until a server role prints "listening": then time to that line instead. */
const NOTE = "to exit of `rerun --version`: no listening role exists yet";

export const b13: Scenario = {
  id: "B13",
  title: "Startup of the compiled `rerun` binary (buildBinary into a temp dir)",
  run: (size) => {
    const dir = mkdtempSync(join(tmpdir(), "rerun-bench-"));
    try {
      const bin = buildBinary(join(dir, "rerun"));
      const spawn = (cmd: string, args: string[]) => () => {
        const r = spawnSync(cmd, args, { stdio: "ignore" });
        if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status ?? r.signal}`);
      };
      // Runs per second, interleaved, turned back into milliseconds per run.
      const ms = (s: Stat) => ({ median: 1000 / s.median, min: 1000 / s.max, max: 1000 / s.min, unit: "ms" });
      const [ours, yes, bun] = rates(1, [spawn(bin, ["--version"]), spawn("true", []), spawn(process.execPath, ["-e", "0"])], 1, {
        runs: RUNS[size],
        warmup: 2,
      }).map(ms);
      return [
        { scenario: "B13 startup `rerun --version`", ours: ours!, anchor: { ...yes!, name: "`true`" }, target: { on: "ours", op: "<=", value: 100 }, note: NOTE },
        { scenario: "B13 startup `rerun --version`", ours: ours!, anchor: { ...bun!, name: "`bun -e 0`" }, target: null },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
