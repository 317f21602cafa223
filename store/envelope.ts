/** MessagePack (rmp-serde "named") encoding of `LogMsg` (spec §3). */
import { MsgPackError, MsgReader } from "./msgpack/read.ts";
import { MsgWriter } from "./msgpack/write.ts";
import { alignedCopy } from "./slab.ts";
import type {
  ArrowMsg, FileSource, LogMsg, StoreId, StoreInfo, StoreKind, StoreSource, TimePoint, TimeType, Timeline, Tuid,
} from "./logmsg.ts";

export { MsgPackError };

const EMPTY = new Uint8Array(0);

/**
 * Decodes one MessagePack `LogMsg` body. `place` returns the 8-aligned Arrow IPC bytes for their view in
 * `body`: by default a copy; a caller that owns the body may align them in place (`alignInPlace`).
 */
export function decodeLogMsg(body: Uint8Array, place: (ipc: Uint8Array) => Uint8Array = alignedCopy): LogMsg {
  const r = new MsgReader(body);
  const at = r.pos;
  const variant = enumTag(r);
  if (variant.payload === false) throw new MsgPackError(`LogMsg variant ${variant.name} needs a payload`, at);
  let msg: LogMsg;
  switch (variant.name) {
    case "SetStoreInfo":
      msg = readSetStoreInfo(r);
      break;
    case "ArrowMsg": {
      const { storeId, chunkId, timepointMax } = readArrowHead(r, at);
      msg = { kind: "ArrowMsg", storeId, chunkId, timepointMax, ipc: place(r.bin()) };
      break;
    }
    case "BlueprintActivationCommand":
      msg = readActivation(r, at);
      break;
    default:
      throw new MsgPackError(`unknown LogMsg variant ${JSON.stringify(variant.name)}`, at);
  }
  if (!r.done) throw new MsgPackError(`${body.length - r.pos} trailing bytes after the LogMsg`, r.pos);
  return msg;
}

/** An `ArrowMsg` without its IPC bytes: what congestion control decides from. */
export type ArrowHead = Omit<ArrowMsg, "ipc">;

/** An `ArrowHead` read ahead of its IPC bytes, with where those bytes start. */
export type PeekedHead = ArrowHead & { ipcStart: number };

/**
 * The envelope of a MessagePack `LogMsg` body of `length` bytes that is an `ArrowMsg`, read from its
 * first bytes only (the IPC bytes come last and must end the body); null for other variants. Throws
 * when the bytes are malformed or too few.
 */
export function peekArrowHead(body: Uint8Array, length = body.length): PeekedHead | null {
  const r = new MsgReader(body);
  const at = r.pos;
  const variant = enumTag(r);
  if (variant.name !== "ArrowMsg" || !variant.payload) return null;
  const head = readArrowHead(r, at);
  const ipcAt = r.pos, n = r.binLen();
  if (r.pos + n !== length) throw new MsgPackError(`IPC bytes of ${n} bytes do not end the ${length}-byte body`, ipcAt);
  return { ...head, ipcStart: r.pos };
}

/** Reads an `ArrowMsg` payload up to its IPC bytes. */
function readArrowHead(r: MsgReader, at: number): ArrowHead {
  if (r.arrayLen() !== 2) throw new MsgPackError("ArrowMsg: expected (StoreId, ArrowMsg)", at);
  const storeId = readStoreId(r);
  const tupleAt = r.pos;
  if (r.arrayLen() !== 3) throw new MsgPackError("Expected (table_id, timepoint, buf)", tupleAt);
  const chunkId = readTuid(r);
  return { kind: "ArrowMsg", storeId, chunkId, timepointMax: readTimePoint(r) };
}

/** Encodes one `LogMsg` into a MessagePack body. */
export function encodeLogMsg(msg: LogMsg): Uint8Array {
  const [head, tail] = encodeLogMsgParts(msg);
  if (tail.length === 0) return head;
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

/** A `LogMsg`'s MessagePack body as head + tail: an ArrowMsg's IPC bytes are the tail (not copied), else it is empty. */
export function encodeLogMsgParts(msg: LogMsg): [Uint8Array, Uint8Array] {
  const w = new MsgWriter(256);
  w.mapLen(1).str(msg.kind);
  switch (msg.kind) {
    case "SetStoreInfo": {
      const i = msg.info;
      w.mapLen(2).str("row_id");
      writeTuid(w, msg.rowId);
      w.str("info").mapLen(6).str("application_id").str(i.applicationId).str("store_id");
      writeStoreId(w, i.storeId);
      w.str("cloned_from");
      if (i.clonedFrom) writeStoreId(w, i.clonedFrom);
      else w.nil();
      w.str("is_official_example").bool(i.isOfficialExample).str("started").int(i.started).str("store_source");
      writeStoreSource(w, i.storeSource);
      break;
    }
    case "ArrowMsg": {
      w.arrayLen(2);
      writeStoreId(w, msg.storeId);
      w.arrayLen(3);
      writeTuid(w, msg.chunkId);
      writeTimePoint(w, msg.timepointMax);
      w.binHeader(msg.ipc.length);
      return [w.bytes(), msg.ipc];
    }
    case "BlueprintActivationCommand":
      w.mapLen(3).str("blueprint_id");
      writeStoreId(w, msg.blueprintId);
      w.str("make_active").bool(msg.makeActive).str("make_default").bool(msg.makeDefault);
      break;
  }
  return [w.bytes(), EMPTY];
}

/** Byte-wise (UTF-8 / code point) string order, as Rust compares `str`. */
export function compareStr(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!, y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Rerun's `Timeline` order: name byte-wise, then Time before Sequence. */
export function compareTimeline(a: Timeline, b: Timeline): number {
  return compareStr(a.name, b.name) || (a.typ === b.typ ? 0 : a.typ === "Time" ? -1 : 1);
}

// --- reading -----------------------------------------------------------------------------

/** Reads an externally tagged enum: a bare string (unit variant) or a 1-entry map. */
function enumTag(r: MsgReader): { name: string; payload: boolean } {
  const m = r.peek();
  if ((m >= 0xa0 && m <= 0xbf) || m === 0xd9 || m === 0xda || m === 0xdb) return { name: r.str(), payload: false };
  const at = r.pos;
  if (r.mapLen() !== 1) throw new MsgPackError("an enum must be a string or a 1-entry map", at);
  return { name: r.str(), payload: true };
}

/*
 * The readers below keep each closure-taking general path in a function of its own: a function whose
 * variables a closure captures allocates their scope on every call, fast path or not.
 */

/** Walks a struct map; `take` reads the value for known keys and returns false for unknown ones. */
function fields(r: MsgReader, take: (key: string) => boolean): void {
  const n = r.mapLen();
  for (let i = 0; i < n; i++) {
    const k = r.str();
    if (!take(k)) r.skip();
  }
}

/**
 * The fast path of a 2-field struct written in the SDKs' field order: consumes the map header and the first
 * key when that key is `key`, else reads nothing (the caller rewinds to take the general path on a mismatch).
 */
function pairStartingWith(r: MsgReader, key: string): boolean {
  if (r.peek() !== 0x82) return false;
  r.pos++;
  if (r.isStr(key)) return true;
  r.pos--;
  return false;
}

function readTuid(r: MsgReader): Tuid {
  const at = r.pos;
  if (pairStartingWith(r, "time_ns")) {
    const timeNs = r.int();
    if (r.isStr("inc")) return { timeNs, inc: r.int() };
    r.pos = at;
  }
  return readTuidFields(r, at);
}

/** A `Tuid` in any field order. */
function readTuidFields(r: MsgReader, at: number): Tuid {
  let timeNs: bigint | null = null, inc: bigint | null = null;
  fields(r, (k) => {
    if (k === "time_ns") timeNs = r.int();
    else if (k === "inc") inc = r.int();
    else return false;
    return true;
  });
  if (timeNs === null || inc === null) throw new MsgPackError("Tuid needs time_ns and inc", at);
  return { timeNs, inc };
}

function readStoreKind(r: MsgReader): StoreKind {
  const at = r.pos, t = enumTag(r);
  if (t.name !== "Recording" && t.name !== "Blueprint") throw new MsgPackError(`unknown StoreKind ${JSON.stringify(t.name)}`, at);
  if (t.payload) r.skip();
  return t.name;
}

/** The last StoreId read: consecutive messages of one recording share the object. */
let lastStoreId: StoreId = { kind: "Recording", id: "" };

function readStoreId(r: MsgReader): StoreId {
  const at = r.pos;
  if (pairStartingWith(r, "kind")) {
    const kind: StoreKind | null = r.isStr("Recording") ? "Recording" : r.isStr("Blueprint") ? "Blueprint" : null;
    if (kind !== null && r.isStr("id")) {
      const id = r.str();
      if (kind !== lastStoreId.kind || id !== lastStoreId.id) lastStoreId = { kind, id };
      return lastStoreId;
    }
    r.pos = at;
  }
  return readStoreIdFields(r, at);
}

/** A `StoreId` in any field order. */
function readStoreIdFields(r: MsgReader, at: number): StoreId {
  let kind: StoreKind | null = null, id: string | null = null;
  fields(r, (k) => {
    if (k === "kind") kind = readStoreKind(r);
    else if (k === "id") id = r.str();
    else return false;
    return true;
  });
  if (kind === null || id === null) throw new MsgPackError("StoreId needs kind and id", at);
  return { kind, id };
}

/** A `BlueprintActivationCommand` payload, its fields in any order. */
function readActivation(r: MsgReader, at: number): LogMsg {
  let blueprintId: StoreId | null = null, makeActive = false, makeDefault = false;
  fields(r, (k) => {
    if (k === "blueprint_id") blueprintId = readStoreId(r);
    else if (k === "make_active") makeActive = r.bool();
    else if (k === "make_default") makeDefault = r.bool();
    else return false;
    return true;
  });
  if (!blueprintId) throw new MsgPackError("BlueprintActivationCommand without blueprint_id", at);
  return { kind: "BlueprintActivationCommand", blueprintId, makeActive, makeDefault };
}

function readSetStoreInfo(r: MsgReader): LogMsg {
  const at = r.pos;
  let rowId: Tuid | null = null, info: StoreInfo | null = null;
  fields(r, (k) => {
    if (k === "row_id") rowId = readTuid(r);
    else if (k === "info") info = readStoreInfo(r);
    else return false;
    return true;
  });
  if (!rowId || !info) throw new MsgPackError("SetStoreInfo needs row_id and info", at);
  return { kind: "SetStoreInfo", rowId, info };
}

function readStoreInfo(r: MsgReader): StoreInfo {
  const at = r.pos;
  const info: Partial<StoreInfo> = { clonedFrom: null, isOfficialExample: false, started: 0n };
  fields(r, (k) => {
    if (k === "application_id") info.applicationId = r.str();
    else if (k === "store_id") info.storeId = readStoreId(r);
    else if (k === "cloned_from") info.clonedFrom = r.nil() ? null : readStoreId(r);
    else if (k === "is_official_example") info.isOfficialExample = r.bool();
    else if (k === "started") info.started = r.int();
    else if (k === "store_source") info.storeSource = readStoreSource(r);
    else return false;
    return true;
  });
  if (info.applicationId === undefined || !info.storeId || !info.storeSource) {
    throw new MsgPackError("StoreInfo needs application_id, store_id and store_source", at);
  }
  return info as StoreInfo;
}

function readStoreSource(r: MsgReader): StoreSource {
  const at = r.pos, t = enumTag(r);
  switch (t.name) {
    case "Unknown": case "CSdk": case "Viewer":
      if (t.payload) r.skip();
      return { kind: t.name };
    case "PythonSdk": {
      const v = { major: 0, minor: 0, patch: 0, suffix: "" };
      fields(r, (k) => {
        if (k === "major" || k === "minor" || k === "patch") v[k] = r.small();
        else if (k === "suffix") v.suffix = r.str();
        else return false;
        return true;
      });
      return { kind: "PythonSdk", ...v };
    }
    case "RustSdk": {
      const v = { rustcVersion: "", llvmVersion: "" };
      fields(r, (k) => {
        if (k === "rustc_version") v.rustcVersion = r.str();
        else if (k === "llvm_version") v.llvmVersion = r.str();
        else return false;
        return true;
      });
      return { kind: "RustSdk", ...v };
    }
    case "File": {
      let fileSource: FileSource = "Cli";
      fields(r, (k) => {
        if (k !== "file_source") return false;
        const s = enumTag(r);
        if (s.payload) r.skip();
        fileSource = s.name as FileSource;
        return true;
      });
      return { kind: "File", fileSource };
    }
    case "Other":
      return { kind: "Other", name: r.str() };
  }
  throw new MsgPackError(`unknown StoreSource ${JSON.stringify(t.name)}`, at);
}

function readTimePoint(r: MsgReader): TimePoint {
  const n = r.mapLen();
  const out: TimePoint = [];
  for (let i = 0; i < n; i++) {
    const timeline = readTimeline(r);
    if (r.nil()) continue; // static TimeInt never occurs in a TimePoint; tolerate it
    out.push({ timeline, value: r.int() });
  }
  return out;
}

function readTimeline(r: MsgReader): Timeline {
  const at = r.pos;
  if (pairStartingWith(r, "name")) {
    const name = r.str();
    if (r.isStr("typ")) {
      if (r.isStr("Sequence")) return timelineOf(name, "Sequence");
      if (r.isStr("Time")) return timelineOf(name, "Time");
    }
    r.pos = at;
  }
  return readTimelineFields(r, at);
}

/** Timelines met, shared by name per type: every message names the same few (bounded: cleared when full). */
const knownTimelines = { Sequence: new Map<string, Timeline>(), Time: new Map<string, Timeline>() };
const KNOWN_TIMELINES_MAX = 256;

/** The shared `Timeline` of `name` and `typ`. */
function timelineOf(name: string, typ: TimeType): Timeline {
  const known = knownTimelines[typ];
  let t = known.get(name);
  if (t === undefined) {
    if (known.size >= KNOWN_TIMELINES_MAX) known.clear();
    known.set(name, (t = { name, typ }));
  }
  return t;
}

/** A `Timeline` in any field order. */
function readTimelineFields(r: MsgReader, at: number): Timeline {
  let name: string | null = null, typ: TimeType | null = null;
  fields(r, (k) => {
    if (k === "name") name = r.str();
    else if (k === "typ") {
      const t = enumTag(r);
      if (t.name !== "Time" && t.name !== "Sequence") throw new MsgPackError(`unknown TimeType ${JSON.stringify(t.name)}`, at);
      typ = t.name;
    } else return false;
    return true;
  });
  if (name === null || typ === null) throw new MsgPackError("Timeline needs name and typ", at);
  return { name, typ };
}

// --- writing -----------------------------------------------------------------------------

function writeTuid(w: MsgWriter, t: Tuid): void {
  w.mapLen(2).str("time_ns").int(t.timeNs).str("inc").int(t.inc);
}

function writeStoreId(w: MsgWriter, s: StoreId): void {
  w.mapLen(2).str("kind").str(s.kind).str("id").str(s.id);
}

function writeStoreSource(w: MsgWriter, s: StoreSource): void {
  switch (s.kind) {
    case "Unknown": case "CSdk": case "Viewer":
      w.str(s.kind);
      return;
    case "PythonSdk":
      w.mapLen(1).str("PythonSdk").mapLen(4).str("major").int(s.major).str("minor").int(s.minor)
        .str("patch").int(s.patch).str("suffix").str(s.suffix);
      return;
    case "RustSdk":
      w.mapLen(1).str("RustSdk").mapLen(2).str("rustc_version").str(s.rustcVersion).str("llvm_version").str(s.llvmVersion);
      return;
    case "File":
      w.mapLen(1).str("File").mapLen(1).str("file_source");
      if (s.fileSource === "DragAndDrop" || s.fileSource === "FileDialog") w.mapLen(1).str(s.fileSource).mapLen(0);
      else w.str(s.fileSource);
      return;
    case "Other":
      w.mapLen(1).str("Other").str(s.name);
      return;
  }
}

function writeTimePoint(w: MsgWriter, tp: TimePoint): void {
  const sorted = [...tp].sort((a, b) => compareTimeline(a.timeline, b.timeline));
  w.mapLen(sorted.length);
  for (const e of sorted) w.mapLen(2).str("name").str(e.timeline.name).str("typ").str(e.timeline.typ).int(e.value);
}
