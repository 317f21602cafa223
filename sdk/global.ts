/**
 * The module-level API, as Python's `rr.*`: `init` makes the global recording, and every function
 * here acts on it (explicit recordings from `newRecording` have the same methods).
 */
import type { ComponentColumn, TimeColumnLike } from "./columns.ts";
import type { EntityPathLike } from "./entity-path.ts";
import { RecordingStream, type RecordingOptions, type SpawnOptions } from "./recording.ts";
import type { Loggable, LogOptions } from "./row.ts";
import type { BinaryStream } from "./sinks/stream.ts";
import { misuse, setStrictMode } from "./warn.ts";

/** Options of `init`. */
export interface InitOptions extends Omit<RecordingOptions, "batcher"> {
  /** Start a viewer and connect to it (as `spawn()`). */
  spawn?: boolean;
  /** Throw on misuse instead of warning (also RERUN_STRICT=1). */
  strict?: boolean;
}

/** Options of `newRecording`. */
export interface NewRecordingOptions extends RecordingOptions {
  /** Make it the global recording the module functions use. */
  makeDefault?: boolean;
  spawn?: boolean;
}

let global: RecordingStream | null = null;

/** Starts the global recording of `applicationId` (replacing any previous one). */
export function init(applicationId: string, opts: InitOptions = {}): RecordingStream {
  if (opts.strict !== undefined) setStrictMode(opts.strict);
  return newRecording(applicationId, { recordingId: opts.recordingId, defaultEnabled: opts.defaultEnabled, spawn: opts.spawn, makeDefault: true });
}

/** A new recording; the global one only with `makeDefault`. */
export function newRecording(applicationId: string, opts: NewRecordingOptions = {}): RecordingStream {
  const rec = new RecordingStream(applicationId, opts);
  if (opts.makeDefault) global = rec;
  if (opts.spawn) void rec.spawn();
  return rec;
}

/** The global recording, or null before `init`. */
export function getGlobalRecording(): RecordingStream | null {
  return global;
}

/** Replaces the global recording; returns the previous one. */
export function setGlobalRecording(rec: RecordingStream | null): RecordingStream | null {
  const prev = global;
  global = rec;
  return prev;
}

/** The global recording, or a reported misuse (`init()` first). */
function rec(what: string): RecordingStream | null {
  if (!global) misuse(`${what} called before init(): nothing is logged`);
  return global;
}

/** Logs archetypes and/or component batches at `entityPath` (last argument may be `{ static: true }`). */
export function log(path: EntityPathLike, ...args: (Loggable | LogOptions)[]): void {
  rec("log()")?.log(path, ...args);
}

/** Logs columns of many rows at once. */
export function sendColumns(path: EntityPathLike, indexes: Iterable<TimeColumnLike>, columns: Iterable<ComponentColumn>): void {
  rec("sendColumns()")?.sendColumns(path, indexes, columns);
}

/** Sets a Sequence timeline for the rows logged next. */
export function setTimeSequence(timeline: string, sequence: number | bigint): void {
  rec("setTimeSequence()")?.setTimeSequence(timeline, sequence);
}

/** Sets a Time timeline in seconds since the epoch. */
export function setTimeSeconds(timeline: string, seconds: number): void {
  rec("setTimeSeconds()")?.setTimeSeconds(timeline, seconds);
}

/** Sets a Time timeline in nanoseconds since the epoch. */
export function setTimeNanos(timeline: string, nanos: number | bigint): void {
  rec("setTimeNanos()")?.setTimeNanos(timeline, nanos);
}

/** Stops stamping `timeline`. */
export function disableTimeline(timeline: string): void {
  rec("disableTimeline()")?.disableTimeline(timeline);
}

/** Clears every timeline set in this context. */
export function resetTime(): void {
  rec("resetTime()")?.resetTime();
}

/** Streams the global recording to a Rerun server over TCP. */
export function connectTcp(addr?: string, opts?: { flushTimeoutSec?: number }): void {
  rec("connectTcp()")?.connectTcp(addr, opts);
}

/** Starts (or reuses) a viewer and connects the global recording to it. */
export function spawn(opts?: SpawnOptions): Promise<void> {
  return rec("spawn()")?.spawn(opts) ?? Promise.resolve();
}

/** Writes the global recording to an .rrd file. */
export function save(path: string): void {
  rec("save()")?.save(path);
}

/** Writes the global recording to standard output. */
export function stdout(): void {
  rec("stdout()")?.stdout();
}

/** Sends the global recording to a byte stream (null before `init`). */
export function binaryStream(): BinaryStream | null {
  return rec("binaryStream()")?.binaryStream() ?? null;
}

/** Closes the global recording's sink. */
export function disconnect(): Promise<void> {
  return global?.disconnect() ?? Promise.resolve();
}

/** Sends the global recording's pending data (and waits for it unless `blocking: false`). */
export function flush(opts?: { blocking?: boolean }): Promise<void> {
  return global?.flush(opts) ?? Promise.resolve();
}
