/** File and stdout sinks: synchronous writes (so the exit hook can finish them), LZ4 frames, end marker on close. */
import { closeSync, openSync, writeSync } from "node:fs";
import { ByteSink } from "../sinks/stream.ts";

/** Writes all of `bytes` to `fd`, retrying while a non-blocking pipe is full. */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (e) {
      if ((e as { code?: string }).code !== "EAGAIN") throw e;
    }
  }
}

/** An .rrd file at `path` (created or truncated now). */
export function fileSink(path: string): ByteSink {
  const fd = openSync(path, "w");
  return new ByteSink((b) => writeAll(fd, b), () => closeSync(fd));
}

/** An .rrd stream on standard output. */
export function stdoutSink(): ByteSink {
  return new ByteSink((b) => writeAll(1, b));
}
