/**
 * A recording stream, as Python's `rr.RecordingStream`: logging, time, sinks. Logged rows go through
 * the batcher into chunks, then to the current sink (memory until `connectTcp`/`spawn`/`save`/…).
 */
import type { LogMsg, StoreId, TimeType } from "../store/logmsg.ts";
import { Batcher } from "./batcher.ts";
import { columnsChunk } from "./column-chunk.ts";
import type { ComponentColumn, TimeColumnLike } from "./columns.ts";
import { type BatcherConfig, batcherConfigFromEnv, loggingEnabled } from "./config.ts";
import { currentTimes } from "./context.ts";
import { entityPath, type EntityPathLike } from "./entity-path.ts";
import { type Runtime, runtime } from "./runtime.ts";
import { collectBatches, forgetKey, type Loggable, type LogOptions, pendingRow, takeOptions } from "./row.ts";
import { BufferedSink, type Sink } from "./sinks/sink.ts";
import { BinaryStream, ByteQueue, ByteSink } from "./sinks/stream.ts";
import { chunkMsg, randomUuid, storeInfoMsg } from "./store-info.ts";
import { nowNs, secondsToNs, type Times, toBigInt } from "./time.ts";
import { errorText, misuse, strictMode, warn } from "./warn.ts";

/** Options of a new recording. */
export interface RecordingOptions {
  /** The recording id (default: a random UUID). Streams with the same id are one recording in the viewer. */
  recordingId?: string;
  /** Log unless the environment says RERUN=off (default true); RERUN=on forces logging on. */
  defaultEnabled?: boolean;
  /** Batcher thresholds; default Rerun's, with the RERUN_FLUSH_* overrides. */
  batcher?: Partial<BatcherConfig>;
}

/** Options of `spawn`, as Python's `rr.spawn`. */
export interface SpawnOptions {
  port?: number;
  /** Connect this recording to the viewer once it listens (default true). */
  connect?: boolean;
  memoryLimit?: string;
  hideWelcomeScreen?: boolean;
}

/** Recordings that may hold unsent data at exit (the exit hooks flush them). */
export const live = new Set<RecordingStream>();

/** A stream of data for one recording. */
export class RecordingStream {
  readonly recordingId: string;
  readonly storeId: StoreId;
  /** False when logging is off (RERUN=off or `defaultEnabled: false`): every call is then a no-op. */
  readonly enabled: boolean;
  private readonly started = nowNs();
  private readonly times: Times = new Map();
  private readonly batcher: Batcher;
  private sink: Sink = new BufferedSink();
  private spawning: Promise<void> = Promise.resolve();
  private tick = 0n;

  constructor(readonly applicationId: string, opts: RecordingOptions = {}) {
    this.recordingId = opts.recordingId ?? randomUuid();
    this.storeId = { kind: "Recording", id: this.recordingId };
    this.enabled = loggingEnabled(opts.defaultEnabled ?? true);
    this.batcher = new Batcher({ ...batcherConfigFromEnv(), ...opts.batcher }, (chunks) => this.sink.send(chunks.map((c) => chunkMsg(this.storeId, c))));
    if (!this.enabled) return;
    this.sink.send([this.storeInfo()]);
    live.add(this);
  }

  /** A fresh SetStoreInfo for this recording. */
  storeInfo(): LogMsg {
    return storeInfoMsg(this.applicationId, this.storeId, this.started);
  }

  /** Logs archetypes and/or component batches at `entityPath`; a last `{ static: true }` logs them timeless. */
  log(path: EntityPathLike, ...args: (Loggable | LogOptions)[]): void {
    if (!this.enabled) return;
    const opts = takeOptions(args);
    try {
      const batches = collectBatches(args);
      if (batches.length === 0) return;
      const row = opts.static ? pendingRow(batches, null, 0n, 0n) : pendingRow(batches, currentTimes(this, this.times), this.tick++, nowNs());
      this.batcher.push(entityPath(path), row);
    } catch (e) {
      misuse(`log(${JSON.stringify(path)}): ${errorText(e)}`, opts.strict ?? strictMode());
    }
  }

  /** Logs many rows at once: `indexes` (time columns) and component `columns` of equal row counts. No log_time/log_tick. */
  sendColumns(path: EntityPathLike, indexes: Iterable<TimeColumnLike>, columns: Iterable<ComponentColumn>, opts: { strict?: boolean } = {}): void {
    if (!this.enabled) return;
    try {
      this.sink.send([chunkMsg(this.storeId, columnsChunk(entityPath(path), [...indexes], [...columns]))]);
    } catch (e) {
      misuse(`sendColumns(${JSON.stringify(path)}): ${errorText(e)}`, opts.strict ?? strictMode());
    }
  }

  /** Sets a Sequence timeline (frame numbers, steps…) for the rows logged next in this context. */
  setTimeSequence(timeline: string, sequence: number | bigint): void {
    this.setTime(timeline, "Sequence", () => toBigInt(sequence, `setTimeSequence('${timeline}')`));
  }

  /** Sets a Time timeline in seconds since the epoch. */
  setTimeSeconds(timeline: string, seconds: number): void {
    this.setTime(timeline, "Time", () => secondsToNs(seconds));
  }

  /** Sets a Time timeline in nanoseconds since the epoch. */
  setTimeNanos(timeline: string, nanos: number | bigint): void {
    this.setTime(timeline, "Time", () => toBigInt(nanos, `setTimeNanos('${timeline}')`));
  }

  /** Stops stamping `timeline` on the rows logged next in this context. */
  disableTimeline(timeline: string): void {
    const current = currentTimes(this, this.times);
    current.delete(timeline);
    forgetKey(current);
  }

  /** Clears every timeline set in this context (log_time and log_tick remain). */
  resetTime(): void {
    const current = currentTimes(this, this.times);
    current.clear();
    forgetKey(current);
  }

  /** Streams to a Rerun server over TCP (lazy connect, reconnects with back-off; v1 handshake). */
  connectTcp(addr = "127.0.0.1:9876", opts: { flushTimeoutSec?: number } = {}): void {
    if (!this.enabled) return;
    this.withRuntime("connectTcp()", (rt) => this.setSink(rt.tcpSink(addr, { flushTimeoutSec: opts.flushTimeoutSec ?? 2 }, () => this.storeInfo())));
  }

  /** Starts a viewer (`rerun` from PATH or $RERUN_BIN) unless one listens on the port, then connects to it. */
  spawn(opts: SpawnOptions = {}): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    const port = opts.port ?? 9876;
    const ready = Promise.resolve().then(() => runtime("spawn()").spawnViewer({ port, memoryLimit: opts.memoryLimit ?? "75%", hideWelcomeScreen: opts.hideWelcomeScreen ?? false }));
    const result = ready.then(
      () => {
        if (opts.connect !== false) this.connectTcp(`127.0.0.1:${port}`);
      },
      (e) => {
        if (strictMode()) throw e;
        warn(`spawn(): ${errorText(e)}`);
      },
    );
    this.spawning = result.catch(() => {});
    return result;
  }

  /** Writes the recording to an .rrd file (LZ4; end marker when closed). */
  save(path: string): void {
    if (!this.enabled) return;
    this.withRuntime("save()", (rt) => this.setSink(rt.fileSink(path)));
  }

  /** Writes the recording as an .rrd stream to standard output, for `| rerun -`. */
  stdout(): void {
    if (!this.enabled) return;
    this.withRuntime("stdout()", (rt) => this.setSink(rt.stdoutSink()));
  }

  /** Sends the recording to a byte stream read on demand (works everywhere, browsers included). */
  binaryStream(): BinaryStream {
    const q = new ByteQueue();
    if (this.enabled) this.setSink(new ByteSink((b) => q.push(b), () => (q.ended = true)));
    else q.ended = true;
    return new BinaryStream(q, () => this.batcher.flush());
  }

  /** Flushes and closes the current sink; later data is buffered in memory until a new sink is set. */
  async disconnect(): Promise<void> {
    await this.spawning;
    this.batcher.flush();
    const prev = this.sink;
    this.sink = new BufferedSink();
    await prev.close();
  }

  /** Sends every pending row; with `blocking` (default) resolves once the sink has let go of the data. */
  async flush(opts: { blocking?: boolean } = {}): Promise<void> {
    this.batcher.flush();
    if (opts.blocking === false) return;
    await this.spawning;
    this.batcher.flush();
    await this.sink.flush();
  }

  /** Exit hook (beforeExit): starts sending what is pending, giving up on unreachable servers after the flush timeout. */
  exitFlush(): void {
    if (this.batcher.pendingRows === 0 && !this.sink.pending()) return;
    this.batcher.flush();
    this.sink.dropIfDisconnected();
    void this.sink.flush();
  }

  /** Exit hook (exit): the last, synchronous chance (files get their end marker). */
  exitSync(): void {
    this.batcher.flush();
    this.sink.closeSync();
  }

  private setTime(timeline: string, type: TimeType, value: () => bigint): void {
    try {
      const current = currentTimes(this, this.times);
      const prev = current.get(timeline)?.type;
      current.set(timeline, { type, value: value() });
      if (prev !== type) forgetKey(current);
    } catch (e) {
      misuse(errorText(e));
    }
  }

  private withRuntime(what: string, fn: (rt: Runtime) => void): void {
    try {
      fn(runtime(what));
    } catch (e) {
      misuse(errorText(e));
    }
  }

  /** Replaces the sink: pending rows go to the old one, then the new one gets a fresh SetStoreInfo and the memory backlog. */
  private setSink(next: Sink): void {
    this.batcher.flush();
    const prev = this.sink;
    const backlog = prev instanceof BufferedSink ? prev.drain() : [];
    this.sink = next;
    next.send([this.storeInfo(), ...backlog]);
    void prev.close();
  }
}
