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

Serving (the default role: receive SDK data on TCP, keep it, serve it to browsers):
  --serve-web, --serve                serve without opening a browser
  --web-viewer                        serve and open the default browser (the default)
  --port PORT                         SDK server port (9876)
  --web-viewer-port PORT              the viewer, its API and live updates, one port (9090)
  --ws-server-port PORT               the Rerun 0.22 WebSocket relay, for the viewer at /rerun/ (9877)
  --bind IP                           address to listen on (0.0.0.0); port 0 = any free port
  --server-memory-limit LIMIT         store size before old data is dropped, e.g. 25% or 4GB (25%)
  --save FILE.rrd                     also write everything received to a file

Examples:
  rerun rrd print recording.rrd
  rerun rrd print -vvv recording.rrd | less
  cat a.rrd b.rrd | rerun rrd print
  rerun rrd compare original.rrd resaved.rrd && echo same
  rerun --serve-web recording.rrd     then open http://<this machine>:9090/
`;
