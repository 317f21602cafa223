/** Loads file, stdin and URL sources into the ingest queue, one decoder per source. */
import { createReadStream } from "node:fs";
import { RrdDecoder } from "../store/decoder.ts";
import type { LogMsg } from "../store/logmsg.ts";
import type { LogFn } from "./log.ts";

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

/** Streams one source into `push` in batches; resolves with the number of messages, logs a failure once. */
export async function loadSource(source: string, push: (msgs: LogMsg[]) => void | Promise<void>, log: LogFn): Promise<number> {
  const name = source === "-" ? "stdin" : source;
  let batch: LogMsg[] = [];
  const decoder = new RrdDecoder({
    onMessage: (m) => batch.push(m),
    onWarning: (text) => log("warn", `${name}: ${text}`),
  });
  const flush = async () => {
    const msgs = batch;
    batch = [];
    if (msgs.length) await push(msgs);
  };
  try {
    for await (const bytes of sourceBytes(source)) {
      decoder.push(bytes);
      await flush();
    }
    decoder.finish();
  } catch (e) {
    await flush();
    const err = e as NodeJS.ErrnoException;
    log("error", `${name}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
    return -1;
  }
  await flush();
  return decoder.messages;
}
