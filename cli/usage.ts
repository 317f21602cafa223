/** The command-line surface: version line, help text, and usage errors. */
import pkg from "../package.json" with { type: "json" };
import { RERUN_VERSION } from "../store/version.ts";

/** A wrong flag or argument: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The runtime we run on, e.g. `bun 1.4.5`. */
export function runtimeName(): string {
  const g = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string } } };
  if (g.Bun) return `bun ${g.Bun.version}`;
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  return `node ${process.versions.node}`;
}

/** `rerun --version`: the second token is the Rerun version we speak (Python's `rr.spawn()` parses it). */
export function versionLine(): string {
  return `rerun ${RERUN_VERSION} (rerun-ts ${pkg.version}, ${runtimeName()}, ${process.platform}-${process.arch})`;
}

export const HELP = `rerun ${RERUN_VERSION}: view, serve and inspect Rerun recordings (a TypeScript re-implementation)

Usage:
  rerun [OPTIONS] [FILES|URLS|-]...     load recordings (files, http(s) URLs, - for stdin)
  rerun rrd print [-v|-vv|-vvv] [FILES...]
                                      print the messages of .rrd/.rbl files (stdin when none)
  rerun rrd compare A B [--unordered] [--full-dump]
                                      exit 0 if two recordings hold the same data, 1 if not

Options:
  -h, --help                          show this help
  -V, --version                       print the version (second token: the Rerun version spoken)

Examples:
  rerun rrd print recording.rrd
  rerun rrd print -vvv recording.rrd | less
  cat a.rrd b.rrd | rerun rrd print
  rerun rrd compare original.rrd resaved.rrd && echo same
`;
