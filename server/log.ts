/** Log levels and sinks shared by the servers. */

export type LogLevel = "error" | "warn" | "info" | "debug" | "trace";

/** Where a server sends its log lines (the texts are Rerun's own). */
export type LogFn = (level: LogLevel, text: string) => void;

/** Wraps `log` so that each distinct text is logged only once (Rust's `warn_once!`). */
export function logOnce(log: LogFn): LogFn {
  const seen = new Set<string>();
  return (level, text) => {
    if (seen.has(text)) return;
    seen.add(text);
    log(level, text);
  };
}
