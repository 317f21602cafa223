/** Streams `.rrd` inputs (files, stdin or http(s) URLs) through the push decoder. */
import { createReadStream } from "node:fs";
import { RrdDecoder } from "../store/decoder.ts";
import type { LogMsg } from "../store/logmsg.ts";

/** Where messages come from: a file path, `-` for stdin, or an http(s) URL. */
export type Source = string;

/** The bytes of a source, as they arrive. */
export async function* sourceBytes(source: Source): AsyncGenerator<Uint8Array> {
  if (source === "-") {
    for await (const c of process.stdin) yield c as Uint8Array;
  } else if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok || !res.body) throw new Error(`GET ${source} answered ${res.status} ${res.statusText}`);
    const reader = res.body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
  } else {
    for await (const c of createReadStream(source, { highWaterMark: 1 << 20 })) yield c as Uint8Array;
  }
}

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
