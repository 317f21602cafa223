/** B13: start-up of the compiled binary (default role) until it prints that it listens, against `true` and `bun -e 0`. */
import { interleaved } from "./interleave.ts";
import { stat } from "./measure.ts";
import { benchBinary, DEFAULT_ROLE, kill, LISTENING, spawnQuiet, spawnUntil } from "./proc.ts";
import type { Scenario } from "./scenario.ts";

const RUNS = { tiny: 5, full: 21 };
const NOTE = "spawn to its last listening line, then killed";

/** Milliseconds from spawn to exit of `cmd`. */
async function toExit(cmd: string[]): Promise<number> {
  const t = performance.now();
  const code = await spawnQuiet(cmd).exited;
  if (code !== 0) throw new Error(`${cmd.join(" ")} exited with ${code}`);
  return performance.now() - t;
}

export const b13: Scenario = {
  id: "B13",
  title: "Start-up of the compiled `rerun` binary to its listening line (buildBinary into a temp dir)",
  run: async (size) => {
    const bin = benchBinary();
    const listening = async () => {
      const { child, ms } = await spawnUntil([bin, ...DEFAULT_ROLE], LISTENING);
      await kill(child);
      return ms;
    };
    const [ours, yes, bun] = (
      await interleaved([listening, () => toExit(["true"]), () => toExit([process.execPath, "-e", "0"])], { runs: RUNS[size], warmup: 2 })
    ).map((v) => ({ ...stat(v), unit: "ms" }));
    const scenario = "B13 startup of `rerun` (default role: SDK + web + relay, free ports)";
    return [
      { scenario, ours: ours!, anchor: { ...yes!, name: "`true`" }, target: { on: "ours", op: "<=", value: 100 }, note: NOTE },
      { scenario, ours: ours!, anchor: { ...bun!, name: "`bun -e 0`" }, target: null },
    ];
  },
};
