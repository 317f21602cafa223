import { expect, test } from "bun:test";
import { Connection } from "../../server/tcp/connection.ts";
import { concat, encodePacketStream } from "../../store/encoder.ts";
import type { LogMsg } from "../../store/logmsg.ts";
import { Gen } from "../../scripts/bench/gen.ts";
import { u32 } from "./client.ts";

/** A connection that records, per delivery, how many messages and whether more bytes were said to be waiting. */
function connection(): { conn: Connection; got: [number, boolean][] } {
  const got: [number, boolean][] = [];
  const conn = new Connection({
    client: { id: 1, addr: "test" },
    quiet: true,
    maxPacketBytes: 1 << 30,
    log: () => {},
    logOnce: () => {},
    congestion: null,
    queueLatencySec: () => 0,
    onMessages: (msgs, _client, more) => void got.push([msgs.length, more]),
    onDropped: () => {},
    onClose: (e) => void (e && got.push([-1, false])),
  });
  return { conn, got };
}

const framed = (m: LogMsg) => {
  const p = encodePacketStream(m);
  return concat([u32(p.length), p]);
};

test("a packet completed by a read as large as the largest so far (≥ 64 KiB) is delivered with more bytes likely waiting", () => {
  const g = new Gen(7);
  const big = framed(g.msg(g.points("/p", 5_000))), small = framed(g.msg(g.scalar("/s")));
  expect(big.length).toBeGreaterThan(64 << 10);
  const { conn, got } = connection();
  conn.push(new Uint8Array([1, 0, ..."rerun"].map((x) => (typeof x === "string" ? x.charCodeAt(0) : x))));
  // Fresh bytes for every read, as a runtime hands them over (the connection decodes packets in place).
  conn.push(big.slice()); // the largest read so far: the runtime's buffer may have been full
  conn.push(small.slice()); // a short read: the socket is drained
  conn.push(concat([big, big])); // larger still
  conn.push(concat([small, big.subarray(0, 10)]));
  conn.push(big.slice(10)); // ≥ 64 KiB but smaller than the largest read
  expect(got).toEqual([[1, true], [1, false], [1, true], [1, true], [1, false], [1, false]]);
});
