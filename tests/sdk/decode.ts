/** Test helpers: record into a byte stream and read the result back as messages and chunks. */
import type { DataType, Field } from "../../store/arrow/types.ts";
import type { Chunk } from "../../store/chunk.ts";
import { decodeRrd } from "../../store/decoder.ts";
import { type JsValue, valueAt } from "../../store/arrow/values.ts";
import type { LogMsg } from "../../store/logmsg.ts";
import { chunkFromIpc } from "../../store/transport.ts";
import * as rr from "../../sdk/index.ts";

/** The messages a fresh recording produces while `fn` logs to it (read through `binaryStream`). */
export function recordMsgs(fn: (rec: rr.RecordingStream) => void, opts: rr.RecordingOptions = {}): LogMsg[] {
  const rec = rr.newRecording("sdk_test", opts);
  const stream = rec.binaryStream();
  fn(rec);
  return decodeRrd(stream.read()!);
}

/** The chunks of `msgs`. */
export function chunksOf(msgs: LogMsg[]): Chunk[] {
  return msgs.flatMap((m) => (m.kind === "ArrowMsg" ? [chunkFromIpc(m.ipc)] : []));
}

/** The chunks a fresh recording produces while `fn` logs to it. */
export function record(fn: (rec: rr.RecordingStream) => void, opts: rr.RecordingOptions = {}): Chunk[] {
  return chunksOf(recordMsgs(fn, opts));
}

/** A type in the spec's §6 notation (`FSL<3, f32>`, `Struct{a: u16, b?: utf8}`); a nullable list item shows as `T?`. */
export function sig(t: DataType): string {
  const item = (f: Field) => `${sig(f.type)}${f.nullable ? "?" : ""}`;
  const member = (f: Field) => `${f.name}${f.nullable ? "?" : ""}: ${sig(f.type)}`;
  switch (t.kind) {
    case "int": return `${t.signed ? "i" : "u"}${t.bits}`;
    case "float": return `f${t.bits}`;
    case "list": return `List<${item(t.child)}>`;
    case "fixed_size_list": return `FSL<${t.size}, ${item(t.child)}>`;
    case "struct": return `Struct{${t.children.map(member).join(", ")}}`;
    case "union": return `${t.mode === "dense" ? "Dense" : "Sparse"}Union{${t.children.map((f, i) => `${t.typeIds[i]} ${member(f)}`).join(", ")}}`;
    case "timestamp": return `Timestamp(${t.unit}${t.tz ? `, ${t.tz}` : ""})`;
    default: return t.kind;
  }
}

/** The value of row `row` of the column `component` (full name, or the archetype field name) of `chunk`. */
export function cell(chunk: Chunk, component: string, row = 0): JsValue {
  const col = chunk.components.find((c) => c.descriptor.component === component || c.descriptor.archetypeField === component);
  if (!col) throw new Error(`no column ${component} in ${chunk.entityPath}`);
  return valueAt(col.data, row);
}
