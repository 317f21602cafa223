/** A test-side reader of 0.22 relay frames (`RR00` + bincode LogMsg, spec §5): the inverse of store/bincode.ts. */
import type { FileSource, LogMsg, StoreId, StoreSource, TimePoint, Tuid } from "../../store/logmsg.ts";

const FILE_SOURCES: FileSource[] = ["Cli", "Uri", "DragAndDrop", "FileDialog", "Sdk"];

class Reader {
  pos = 4;
  private readonly view: DataView;
  constructor(readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  byte(): number {
    if (this.pos >= this.buf.length) throw new Error(`relay frame ends early at byte ${this.pos}`);
    return this.buf[this.pos++]!;
  }
  bool(): boolean {
    const b = this.byte();
    if (b > 1) throw new Error(`bad bool ${b} at byte ${this.pos - 1}`);
    return b === 1;
  }
  varint(): bigint {
    const b = this.byte();
    if (b <= 250) return BigInt(b);
    const n = b === 0xfb ? 2 : b === 0xfc ? 4 : b === 0xfd ? 8 : 0;
    if (n === 0) throw new Error(`bad varint tag ${b}`);
    const v = n === 2 ? BigInt(this.view.getUint16(this.pos, true)) : n === 4 ? BigInt(this.view.getUint32(this.pos, true)) : this.view.getBigUint64(this.pos, true);
    this.pos += n;
    return v;
  }
  int(): number {
    return Number(this.varint());
  }
  zigzag(): bigint {
    const v = this.varint();
    return v & 1n ? -((v + 1n) >> 1n) : v >> 1n;
  }
  bytes(): Uint8Array {
    const n = this.int();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  str(): string {
    return new TextDecoder().decode(this.bytes());
  }
  tuid(): Tuid {
    return { timeNs: this.varint(), inc: this.varint() };
  }
  storeId(): StoreId {
    return { kind: this.int() === 0 ? "Recording" : "Blueprint", id: this.str() };
  }
}

function storeSource(r: Reader): StoreSource {
  switch (r.int()) {
    case 0: return { kind: "Unknown" };
    case 1: return { kind: "CSdk" };
    case 2: return { kind: "PythonSdk", major: r.byte(), minor: r.byte(), patch: r.byte(), suffix: r.str() };
    case 3: return { kind: "RustSdk", rustcVersion: r.str(), llvmVersion: r.str() };
    case 4: return { kind: "File", fileSource: FILE_SOURCES[r.int()]! };
    case 5: return { kind: "Viewer" };
    default: return { kind: "Other", name: r.str() };
  }
}

function timePoint(r: Reader): TimePoint {
  return Array.from({ length: r.int() }, () => {
    const name = r.str();
    const typ = r.int() === 0 ? "Time" : "Sequence";
    if (!r.bool()) throw new Error("static TimeInt in a timepoint");
    return { timeline: { name, typ }, value: r.zigzag() };
  });
}

/** Decodes one relay frame; throws on a missing prefix, a bad value or trailing bytes. */
export function decodeRelayFrame(frame: Uint8Array): LogMsg {
  if (new TextDecoder().decode(frame.subarray(0, 4)) !== "RR00") throw new Error("relay frame without the RR00 prefix");
  const r = new Reader(frame);
  let msg: LogMsg;
  switch (r.int()) {
    case 0: {
      const rowId = r.tuid();
      const applicationId = r.str();
      const storeId = r.storeId();
      const clonedFrom = r.bool() ? r.storeId() : null;
      const isOfficialExample = r.bool();
      const started = r.zigzag();
      msg = { kind: "SetStoreInfo", rowId, info: { applicationId, storeId, clonedFrom, isOfficialExample, started, storeSource: storeSource(r) } };
      break;
    }
    case 1:
      msg = { kind: "ArrowMsg", storeId: r.storeId(), chunkId: r.tuid(), timepointMax: timePoint(r), ipc: r.bytes() };
      break;
    case 2:
      msg = { kind: "BlueprintActivationCommand", blueprintId: r.storeId(), makeActive: r.bool(), makeDefault: r.bool() };
      break;
    default:
      throw new Error("unknown LogMsg variant");
  }
  if (r.pos !== frame.length) throw new Error(`${frame.length - r.pos} trailing bytes after the LogMsg`);
  return msg;
}
