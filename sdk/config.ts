/** The batcher's thresholds: Rerun's defaults and RERUN_FLUSH_* / RERUN_CHUNK_MAX_ROWS_IF_UNSORTED overrides. */
import { envFlag, envNumber } from "./env.ts";
import { warnOnce } from "./warn.ts";

/** When pending rows become chunks. */
export interface BatcherConfig {
  /** Longest time a row waits, in seconds (RERUN_FLUSH_TICK_SECS, default 0.008). */
  flushTickSec: number;
  /** An entity's pending bytes that trigger a flush (RERUN_FLUSH_NUM_BYTES, default 1 MiB). */
  flushNumBytes: number;
  /** An entity's pending rows that trigger a flush (RERUN_FLUSH_NUM_ROWS, default unlimited). */
  flushNumRows: number;
  /** Rows per chunk once rows arrive out of time order (RERUN_CHUNK_MAX_ROWS_IF_UNSORTED, default 256). */
  maxRowsIfUnsorted: number;
}

/** Rerun 0.22's defaults. */
export const DEFAULT_BATCHER: BatcherConfig = { flushTickSec: 0.008, flushNumBytes: 1024 * 1024, flushNumRows: Infinity, maxRowsIfUnsorted: 256 };

/** The defaults with the environment's overrides (an invalid value is warned about and ignored). */
export function batcherConfigFromEnv(): BatcherConfig {
  const read = (name: string, fallback: number) => envNumber(name, fallback, (v) => warnOnce(`Invalid value for environment variable ${name}=${JSON.stringify(v)}: ignored`));
  return {
    flushTickSec: read("RERUN_FLUSH_TICK_SECS", DEFAULT_BATCHER.flushTickSec),
    flushNumBytes: read("RERUN_FLUSH_NUM_BYTES", DEFAULT_BATCHER.flushNumBytes),
    flushNumRows: read("RERUN_FLUSH_NUM_ROWS", DEFAULT_BATCHER.flushNumRows),
    maxRowsIfUnsorted: read("RERUN_CHUNK_MAX_ROWS_IF_UNSORTED", DEFAULT_BATCHER.maxRowsIfUnsorted),
  };
}

/** Whether a recording logs: RERUN=on/off wins over `defaultEnabled`. */
export function loggingEnabled(defaultEnabled: boolean): boolean {
  return envFlag("RERUN", (v) => warnOnce(`Invalid value for environment variable RERUN=${JSON.stringify(v)}. Expected 'on' or 'off'. It will be ignored`)) ?? defaultEnabled;
}
