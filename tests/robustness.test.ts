import { describe, expect, test } from "bun:test";
import { valueAt } from "../store/arrow/values.ts";
import { RrdDecoder } from "../store/decoder.ts";
import { encodeRrd } from "../store/encoder.ts";
import { RrdError } from "../store/errors.ts";
import type { LogMsg } from "../store/logmsg.ts";
import { chunkFromIpc } from "../store/transport.ts";
import { fixture, POINTS_022, READABLE } from "./fixtures.ts";
import { seededRandom } from "./random.ts";

/** Decodes everything we can (envelopes, chunks, values); returns the error, if any. */
function decodeAll(bytes: Uint8Array): { msgs: number; error: Error | null } {
  let msgs = 0;
  const d = new RrdDecoder({
    onMessage: (m: LogMsg) => {
      msgs++;
      if (m.kind !== "ArrowMsg") return;
      const c = chunkFromIpc(m.ipc);
      for (const k of c.components) for (let i = 0; i < c.numRows; i++) valueAt(k.data, i);
    },
  });
  try {
    d.push(bytes);
    d.finish();
    return { msgs, error: null };
  } catch (e) {
    return { msgs, error: e as Error };
  }
}

function expectCleanError(e: Error | null, inputLength: number): void {
  if (e === null) return;
  expect(e).toBeInstanceOf(Error);
  expect(e.message.length).toBeGreaterThan(0);
  expect(e.message).not.toContain("\n");
  if (e instanceof RrdError) {
    expect(e.offset).not.toBeNull();
    expect(e.offset!).toBeGreaterThanOrEqual(0);
    expect(e.offset!).toBeLessThanOrEqual(inputLength);
  }
}

describe("truncated files", () => {
  for (const name of READABLE) {
    test(`${name} cut at every tenth keeps what came before and reports the offset`, () => {
      const bytes = fixture(name);
      let previous = -1;
      for (let k = 1; k < 10; k++) {
        const cut = Math.floor((bytes.length * k) / 10);
        const { msgs, error } = decodeAll(bytes.subarray(0, cut));
        expectCleanError(error, cut);
        expect(msgs).toBeGreaterThanOrEqual(previous);
        previous = msgs;
        if (error) expect(error.message).toMatch(/at byte \d+/);
      }
    });
  }
});

describe("corrupted files", () => {
  const lz4 = fixture("v0.20.1_hloc-glomap_sfm-viewer-blueprint.rbl");
  const plainMsgs: LogMsg[] = [];
  new RrdDecoder({ onMessage: (m) => plainMsgs.push(m) }).push(fixture(POINTS_022).subarray(0, 60_000));
  const plain = encodeRrd(plainMsgs, "off");

  for (const [label, original] of [["LZ4", lz4], ["uncompressed", plain]] as const) {
    test(`300 variants of an ${label} file with random bit flips never crash`, () => {
      const rand = seededRandom(label === "LZ4" ? 1234 : 5678);
      const before = process.memoryUsage().arrayBuffers;
      for (let v = 0; v < 300; v++) {
        const bytes = original.slice();
        const flips = 1 + Math.floor(rand() * 8);
        for (let f = 0; f < flips; f++) {
          const i = Math.floor(rand() * bytes.length);
          bytes[i]! ^= 1 << Math.floor(rand() * 8);
        }
        expectCleanError(decodeAll(bytes).error, bytes.length);
      }
      // Nothing was allocated from lying length fields: growth stays a small multiple of the input.
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * original.length + (64 << 20));
    });
  }

  test("a message header claiming 4 GiB is refused before allocating it", () => {
    const head = fixture(POINTS_022).slice(0, 12);
    for (const [c, u] of [[100, 0xffffffff], [0xffffffff, 0xffffffff]]) {
      const bytes = new Uint8Array(12 + 8 + 100);
      bytes.set(head);
      new DataView(bytes.buffer).setUint32(12, c!, true);
      new DataView(bytes.buffer).setUint32(16, u!, true);
      const { error } = decodeAll(bytes);
      expect(error).toBeInstanceOf(RrdError);
      expect(error!.message).toMatch(/lz4 error|ends inside a message body/);
    }
  });

  test("a bad stream header names what is wrong", () => {
    const good = fixture(POINTS_022);
    const cases: [number, number, RegExp][] = [
      [0, 0x58, /Not an \.rrd file/],
      [3, 0x30, /old, incompatible Rerun version/],
      [8, 7, /Unknown compression: 7/],
      [9, 9, /Unknown serializer: 9/],
      [10, 1, /Reserved bytes not zero/],
    ];
    for (const [at, value, re] of cases) {
      const bytes = good.slice(0, 200);
      bytes[at] = value;
      expect(decodeAll(bytes).error!.message).toMatch(re);
    }
  });
});
