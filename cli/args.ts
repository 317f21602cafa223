/** Parses the command line into a `Command` (a discriminated union); wrong input throws `UsageError`. */
import { parseArgs } from "node:util";
import { UsageError } from "./usage.ts";

export type Command =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "rrd-print"; sources: string[]; verbose: number }
  | { kind: "rrd-compare"; a: string; b: string; unordered: boolean; fullDump: boolean }
  | { kind: "run"; sources: string[] };

type Options = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>;

function parse<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (e) {
    const err = e as { code?: string; message: string };
    const flag = /'([^']+)'/.exec(err.message)?.[1];
    if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`unknown flag ${flag} (see rerun --help)`);
    if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new UsageError(err.message.split("\n")[0]!.replace(/\.$/, ""));
    throw new UsageError(err.message.split("\n")[0]!);
  }
}

/** Turns argv (without the program name) into a command. */
export function parseCommand(argv: string[]): Command {
  if (argv[0] === "rrd") return parseRrd(argv.slice(1));
  const { values, positionals } = parse(argv, {
    help: { type: "boolean", short: "h" },
    version: { type: "boolean", short: "V" },
  });
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  return { kind: "run", sources: positionals };
}

function parseRrd(argv: string[]): Command {
  const [sub, ...rest] = argv;
  if (sub === "print") {
    const { values, positionals } = parse(rest, { verbose: { type: "boolean", short: "v", multiple: true } });
    return { kind: "rrd-print", sources: positionals, verbose: values.verbose?.length ?? 0 };
  }
  if (sub === "compare") {
    const { values, positionals } = parse(rest, {
      unordered: { type: "boolean" },
      "full-dump": { type: "boolean" },
    });
    if (positionals.length !== 2) throw new UsageError(`rrd compare takes exactly two files, got ${positionals.length}`);
    return { kind: "rrd-compare", a: positionals[0]!, b: positionals[1]!, unordered: !!values.unordered, fullDump: !!values["full-dump"] };
  }
  throw new UsageError(sub === undefined ? "rrd needs a subcommand: print or compare" : `unknown rrd subcommand ${JSON.stringify(sub)} (print, compare)`);
}
