import { expect, test } from "bun:test";
import { encodeRelayFrame } from "../store/bincode.ts";

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join(" ");
const STORE = { kind: "Recording" as const, id: "d5c8e2a4-1b7e-4b1a-9f0e-0123456789ab" };
const UUID_HEX = hex(new TextEncoder().encode(STORE.id));

test("SetStoreInfo matches the worked example of spec §5.4.1 (80 bytes after RR00)", () => {
  const f = encodeRelayFrame({
    kind: "SetStoreInfo",
    rowId: { timeNs: 0x181a2b3c4d5e6f70n, inc: 0x0192a3b4c5d6e7f8n },
    info: {
      applicationId: "my_app", storeId: STORE, clonedFrom: null, isOfficialExample: false,
      started: 1736942400000000000n, storeSource: { kind: "PythonSdk", major: 3, minor: 11, patch: 4, suffix: "" },
    },
  });
  expect(f.length).toBe(84);
  expect(hex(f)).toBe(
    `52 52 30 30 00 fd 70 6f 5e 4d 3c 2b 1a 18 fd f8 e7 d6 c5 b4 a3 92 01 06 6d 79 5f 61 70 70 00 24 ${UUID_HEX} 00 00 fd 00 00 a1 f6 d1 b7 35 30 02 03 0b 04 00`,
  );
});

test("ArrowMsg envelope matches spec §5.4.1: timelines sorted, zig-zag times, varint IPC length", () => {
  const ipc = new Uint8Array(3072).fill(7);
  const f = encodeRelayFrame({
    kind: "ArrowMsg", storeId: STORE, chunkId: { timeNs: 0x181a2b3c4d5e6f80n, inc: 0x0192a3b4c5d6e800n },
    timepointMax: [
      { timeline: { name: "log_time", typ: "Time" }, value: 1736942400123456789n },
      { timeline: { name: "frame", typ: "Sequence" }, value: 7n },
      { timeline: { name: "log_tick", typ: "Sequence" }, value: 0n },
    ],
    ipc,
  });
  expect(f.length).toBe(4 + 102 + 3072);
  expect(hex(f.subarray(0, 4 + 102))).toBe(
    `52 52 30 30 01 00 24 ${UUID_HEX} fd 80 6f 5e 4d 3c 2b 1a 18 fd 00 e8 d6 c5 b4 a3 92 01 03 ` +
      "05 66 72 61 6d 65 01 01 0e 08 6c 6f 67 5f 74 69 63 6b 01 01 00 08 6c 6f 67 5f 74 69 6d 65 00 01 fd 2a 9a 58 05 d2 b7 35 30 fb 00 0c",
  );
  expect(f.subarray(106).every((b) => b === 7)).toBe(true);
});

test("BlueprintActivationCommand matches spec §5.4.1", () => {
  const f = encodeRelayFrame({ kind: "BlueprintActivationCommand", blueprintId: { kind: "Blueprint", id: "bp-1" }, makeActive: true, makeDefault: true });
  expect(hex(f)).toBe("52 52 30 30 02 01 04 62 70 2d 31 01 01");
});

test("negative times and other store sources", () => {
  const f = encodeRelayFrame({
    kind: "ArrowMsg", storeId: { kind: "Blueprint", id: "b" }, chunkId: { timeNs: 1n, inc: 2n },
    timepointMax: [{ timeline: { name: "t", typ: "Sequence" }, value: -3n }], ipc: new Uint8Array(0),
  });
  expect(hex(f)).toBe("52 52 30 30 01 01 01 62 01 02 01 01 74 01 01 05 00");
  const g = encodeRelayFrame({
    kind: "SetStoreInfo", rowId: { timeNs: 0n, inc: 0n },
    info: { applicationId: "", storeId: { kind: "Blueprint", id: "" }, clonedFrom: { kind: "Recording", id: "x" }, isOfficialExample: true, started: -1n, storeSource: { kind: "File", fileSource: "Sdk" } },
  });
  expect(hex(g)).toBe("52 52 30 30 00 00 00 00 01 00 01 00 01 78 01 01 04 04");
});
