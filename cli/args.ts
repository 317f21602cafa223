/** Parses the command line into a `Command` (a discriminated union); wrong input throws `UsageError`. */
import { parseArgs } from "node:util";
import { parseDuration } from "../server/duration.ts";
import { parseMemoryLimit } from "../store/db/memory.ts";
import { UsageError } from "./usage.ts";

export type Command =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "rrd-print"; sources: string[]; verbose: number }
  | { kind: "rrd-compare"; a: string; b: string; unordered: boolean; fullDump: boolean }
  | { kind: "run"; opts: RunOptions };

/** What the `rerun [FILES…]` process does: which servers, sinks and sources. */
export interface RunOptions {
  sources: string[];
  /** "viewer": serve and open a browser (the default); "serve": serve only; "none": no web server. */
  web: "viewer" | "serve" | "none";
  bind: string;
  port: number;
  webViewerPort: number;
  wsServerPort: number;
  /** Bytes the store may hold (`--memory-limit`), null = unlimited. */
  memoryLimit: number | null;
  /** Bytes the store may hold in serve-web mode (`--server-memory-limit`, default 25 % of RAM). */
  serverMemoryLimit: number;
  dropAtLatencySec: number | null;
  save: string | null;
  testReceive: boolean;
  quiet: boolean;
  hideWelcomeScreen: boolean;
  expectDataSoon: boolean;
}

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
  const { values: v, positionals } = parse(argv, {
    help: { type: "boolean", short: "h" },
    version: { type: "boolean", short: "V" },
    bind: { type: "string" },
    port: { type: "string" },
    "web-viewer-port": { type: "string" },
    "ws-server-port": { type: "string" },
    "memory-limit": { type: "string" },
    "server-memory-limit": { type: "string" },
    "drop-at-latency": { type: "string" },
    save: { type: "string" },
    "serve-web": { type: "boolean" },
    serve: { type: "boolean" },
    "web-viewer": { type: "boolean" },
    "test-receive": { type: "boolean" },
    quiet: { type: "boolean" },
    "hide-welcome-screen": { type: "boolean" },
    "expect-data-soon": { type: "boolean" },
  });
  if (v.help) return { kind: "help" };
  if (v.version) return { kind: "version" };
  const env = process.env;
  const serve = v["serve-web"] || v.serve;
  const opts: RunOptions = {
    sources: positionals,
    web: serve ? "serve" : v.save || v["test-receive"] ? "none" : "viewer",
    bind: v.bind ?? env.RERUN_BIND ?? "0.0.0.0",
    port: port("--port", v.port ?? env.RERUN_PORT, 9876),
    webViewerPort: port("--web-viewer-port", v["web-viewer-port"] ?? env.RERUN_WEB_VIEWER_PORT, 9090),
    wsServerPort: port("--ws-server-port", v["ws-server-port"] ?? env.RERUN_WS_SERVER_PORT, 9877),
    memoryLimit: memory("--memory-limit", v["memory-limit"] ?? env.RERUN_MEMORY_LIMIT),
    serverMemoryLimit: memory("--server-memory-limit", v["server-memory-limit"] ?? env.RERUN_SERVER_MEMORY_LIMIT ?? "25%")!,
    dropAtLatencySec: latency(v["drop-at-latency"] ?? env.RERUN_DROP_AT_LATENCY),
    save: v.save ?? null,
    testReceive: !!v["test-receive"],
    quiet: !!v.quiet,
    hideWelcomeScreen: !!v["hide-welcome-screen"],
    expectDataSoon: !!v["expect-data-soon"],
  };
  if (v["web-viewer"] && serve) throw new UsageError("--web-viewer and --serve-web are exclusive");
  if (v["web-viewer"]) opts.web = "viewer";
  return { kind: "run", opts };
}

function port(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new UsageError(`${flag} expects a port number 0–65535, got ${JSON.stringify(text)}`);
  return n;
}

function memory(flag: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  try {
    return parseMemoryLimit(text);
  } catch (e) {
    throw new UsageError(`Bad ${flag}: ${(e as Error).message}`);
  }
}

function latency(text: string | undefined): number | null {
  if (text === undefined) return null;
  try {
    return parseDuration(text);
  } catch (e) {
    throw new UsageError(`--drop-at-latency: ${(e as Error).message}`);
  }
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
