/** Streams `.rrd` inputs (files, stdin or http(s) URLs) through the push decoder. */
import { RrdDecoder } from "../store/decoder.ts";
import type { LogMsg } from "../store/logmsg.ts";
import { type Source, sourceBytes } from "../server/sources.ts";

/** Decodes one source; every complete message reaches `onMessage` even if the source fails later. */
export async function decodeSource(
  source: Source,
  onMessage: (msg: LogMsg) => void,
  onWarning: (text: string) => void = (t) => console.error(`warning: ${t}`),
): Promise<void> {
  const decoder = new RrdDecoder({ onMessage, onWarning });
  for await (const bytes of sourceBytes(source)) decoder.push(bytes);
  decoder.finish();
}

/** A one-line description of an input error, naming the source. */
export function describeError(source: Source, e: unknown): string {
  const name = source === "-" ? "stdin" : source;
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOENT") return `${name}: no such file`;
  if (err?.code === "EISDIR") return `${name}: is a directory`;
  return `${name}: ${err?.message ?? String(e)}`;
}
