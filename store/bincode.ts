/** bincode 1.x (DefaultOptions: varint ints, zig-zag signed) encoding of `LogMsg`, as the 0.22 WebSocket relay sends it (spec §5). */
import { compareTimeline } from "./envelope.ts";
import type { LogMsg, StoreId, StoreSource, TimePoint, Tuid } from "./logmsg.ts";

/** The 4-byte prefix of every relay frame. */
export const RELAY_PREFIX = new Uint8Array([0x52, 0x52, 0x30, 0x30]); // "RR00"

const utf8 = new TextEncoder();
const FILE_SOURCES = ["Cli", "Uri", "DragAndDrop", "FileDialog", "Sdk"] as const;

class Writer {
  buf: Uint8Array;
  view: DataView;
  pos = 0;

  constructor(capacity: number, into?: Uint8Array) {
    this.buf = into && into.length >= capacity ? into : new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }

  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.pos++] = b;
  }

  varint(v: bigint | number): void {
    this.reserve(9);
    const n = typeof v === "number" ? v : v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : -1;
    if (n >= 0 && n <= 250) this.buf[this.pos++] = n;
    else if (n >= 0 && n <= 0xffff) {
      this.buf[this.pos++] = 0xfb;
      this.view.setUint16(this.pos, n, true);
      this.pos += 2;
    } else if (n >= 0 && n <= 0xffffffff) {
      this.buf[this.pos++] = 0xfc;
      this.view.setUint32(this.pos, n, true);
      this.pos += 4;
    } else {
      this.buf[this.pos++] = 0xfd;
      this.view.setBigUint64(this.pos, BigInt(v), true);
      this.pos += 8;
    }
  }

  zigzag(v: bigint): void {
    this.varint(v >= 0n ? v << 1n : ((-v) << 1n) - 1n);
  }

  bytes(b: Uint8Array): void {
    this.varint(b.length);
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  str(s: string): void {
    this.bytes(utf8.encode(s));
  }
}

/** Encodes one relay frame: `RR00` + bincode(LogMsg); into `into` when it is large enough (the result is then a view of it). */
export function encodeRelayFrame(msg: LogMsg, into?: Uint8Array): Uint8Array {
  const w = new Writer(msg.kind === "ArrowMsg" ? msg.ipc.length + 256 : 256, into);
  w.buf.set(RELAY_PREFIX);
  w.pos = 4;
  switch (msg.kind) {
    case "SetStoreInfo": {
      const i = msg.info;
      w.byte(0);
      tuid(w, msg.rowId);
      w.str(i.applicationId);
      storeId(w, i.storeId);
      if (i.clonedFrom) {
        w.byte(1);
        storeId(w, i.clonedFrom);
      } else w.byte(0);
      w.byte(i.isOfficialExample ? 1 : 0);
      w.zigzag(i.started);
      storeSource(w, i.storeSource);
      break;
    }
    case "ArrowMsg":
      w.byte(1);
      storeId(w, msg.storeId);
      tuid(w, msg.chunkId);
      timePoint(w, msg.timepointMax);
      w.bytes(msg.ipc);
      break;
    case "BlueprintActivationCommand":
      w.byte(2);
      storeId(w, msg.blueprintId);
      w.byte(msg.makeActive ? 1 : 0);
      w.byte(msg.makeDefault ? 1 : 0);
      break;
  }
  return w.buf.subarray(0, w.pos);
}

function tuid(w: Writer, t: Tuid): void {
  w.varint(t.timeNs);
  w.varint(t.inc);
}

function storeId(w: Writer, s: StoreId): void {
  w.byte(s.kind === "Recording" ? 0 : 1);
  w.str(s.id);
}

function storeSource(w: Writer, s: StoreSource): void {
  switch (s.kind) {
    case "Unknown": return w.byte(0);
    case "CSdk": return w.byte(1);
    case "PythonSdk":
      w.byte(2);
      w.byte(s.major);
      w.byte(s.minor);
      w.byte(s.patch);
      return w.str(s.suffix);
    case "RustSdk":
      w.byte(3);
      w.str(s.rustcVersion);
      return w.str(s.llvmVersion);
    case "File":
      w.byte(4);
      return w.byte(FILE_SOURCES.indexOf(s.fileSource));
    case "Viewer": return w.byte(5);
    case "Other":
      w.byte(6);
      return w.str(s.name);
  }
}

function timePoint(w: Writer, tp: TimePoint): void {
  const sorted = [...tp].sort((a, b) => compareTimeline(a.timeline, b.timeline));
  w.varint(sorted.length);
  for (const e of sorted) {
    w.str(e.timeline.name);
    w.byte(e.timeline.typ === "Time" ? 0 : 1);
    w.byte(1);
    w.zigzag(e.value);
  }
}
