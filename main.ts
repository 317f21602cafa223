/** The `rerun` executable: parse flags, start the pieces. */
import "./server/malloc.ts"; // first: it may restart the process before anything else loads
import { parseCommand } from "./cli/args.ts";
import { rrdCompare } from "./cli/compare.ts";
import { rrdPrint } from "./cli/print.ts";
import { HELP, UsageError, versionLine } from "./cli/usage.ts";
import { stderrLogger } from "./server/logger.ts";
import { run } from "./server/run.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);

// `rerun rrd print big.rrd | head` closes our stdout early: that is a normal end, not a crash.
process.stdout.on("error", (e: NodeJS.ErrnoException) => process.exit(e.code === "EPIPE" ? 0 : 1));

async function main(argv: string[]): Promise<number> {
  const cmd = parseCommand(argv);
  switch (cmd.kind) {
    case "help":
      out(HELP);
      return 0;
    case "version":
      out(versionLine());
      return 0;
    case "rrd-print":
      return rrdPrint(cmd.sources, cmd.verbose, out);
    case "rrd-compare": {
      const diff = await rrdCompare(cmd.a, cmd.b, cmd, out);
      if (diff === null) return 0;
      console.error(diff);
      return 1;
    }
    case "run":
      return run(cmd.opts, stderrLogger(cmd.opts.quiet));
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}`);
      process.exit(2);
    }
    console.error(`error: ${(e as Error).message}`);
    process.exit(1);
  },
);
