/** Rerun 0.22 `LogMsg` and the types of its envelope (spec §3.4), as TypeScript values. */

/** A 128-bit time-ordered id: row ids and chunk ids. */
export interface Tuid {
  timeNs: bigint;
  inc: bigint;
}

export type StoreKind = "Recording" | "Blueprint";

export interface StoreId {
  kind: StoreKind;
  id: string;
}

export type FileSource = "Cli" | "Uri" | "DragAndDrop" | "FileDialog" | "Sdk";

export type StoreSource =
  | { kind: "Unknown" }
  | { kind: "CSdk" }
  | { kind: "PythonSdk"; major: number; minor: number; patch: number; suffix: string }
  | { kind: "RustSdk"; rustcVersion: string; llvmVersion: string }
  | { kind: "File"; fileSource: FileSource }
  | { kind: "Viewer" }
  | { kind: "Other"; name: string };

export interface StoreInfo {
  applicationId: string;
  storeId: StoreId;
  clonedFrom: StoreId | null;
  isOfficialExample: boolean;
  /** Nanoseconds since the Unix epoch. */
  started: bigint;
  storeSource: StoreSource;
  /** Not serialized: filled in from the stream header by readers (e.g. "0.22.1"). */
  storeVersion?: string;
}

export type TimeType = "Time" | "Sequence";

export interface Timeline {
  name: string;
  typ: TimeType;
}

/** One timeline's value in a `TimePoint`. Values are exact i64. */
export interface TimePointEntry {
  timeline: Timeline;
  value: bigint;
}

/** A `TimePoint`, entries in Rerun's order (name byte-wise, then Time before Sequence). */
export type TimePoint = TimePointEntry[];

export interface SetStoreInfo {
  kind: "SetStoreInfo";
  rowId: Tuid;
  info: StoreInfo;
}

export interface ArrowMsg {
  kind: "ArrowMsg";
  storeId: StoreId;
  chunkId: Tuid;
  timepointMax: TimePoint;
  /** The Arrow IPC stream: one schema, one record batch. 8-byte aligned. */
  ipc: Uint8Array;
}

export interface BlueprintActivationCommand {
  kind: "BlueprintActivationCommand";
  blueprintId: StoreId;
  makeActive: boolean;
  makeDefault: boolean;
}

/** A message of the Rerun 0.22 log stream. */
export type LogMsg = SetStoreInfo | ArrowMsg | BlueprintActivationCommand;

/** The store a message belongs to. */
export function storeIdOf(msg: LogMsg): StoreId {
  switch (msg.kind) {
    case "SetStoreInfo":
      return msg.info.storeId;
    case "ArrowMsg":
      return msg.storeId;
    case "BlueprintActivationCommand":
      return msg.blueprintId;
  }
}

/** About how many bytes a message holds: its Arrow IPC bytes, or a small envelope's worth. */
export function msgBytes(msg: LogMsg): number {
  return msg.kind === "ArrowMsg" ? msg.ipc.length : 256;
}
