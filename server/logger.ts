/** The process log: lines to stderr, `--quiet` keeps only warnings and errors, RERUN_LOG=debug shows more. */
import type { LogFn, LogLevel } from "./log.ts";

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3, trace: 4 };

/** A logger writing `[level] text` lines to stderr, up to the configured level. */
export function stderrLogger(quiet: boolean, env = process.env.RERUN_LOG): LogFn {
  const max = quiet ? RANK.warn : RANK[(env as LogLevel) ?? "info"] ?? RANK.info;
  return (level, text) => {
    if (RANK[level] > max) return;
    process.stderr.write(level === "info" ? `${text}\n` : `[${level}] ${text}\n`);
  };
}
