import { expect, test } from "bun:test";
import { Congestion } from "../../server/tcp/congestion.ts";
import { Connection, type ConnectionContext } from "../../server/tcp/connection.ts";
import { concat, encodePacketStream } from "../../store/encoder.ts";
import type { ArrowMsg, LogMsg } from "../../store/logmsg.ts";
import { Gen } from "../../scripts/bench/gen.ts";
import { frame, framed, HANDSHAKE } from "./client.ts";

/** A connection's context: a quiet client with no latency limit, delivering nowhere, with `over` on top. */
function context(over: Partial<ConnectionContext>): ConnectionContext {
  return {
    client: { id: 1, addr: "test" },
    quiet: true,
    maxPacketBytes: 1 << 30,
    log: () => {},
    logOnce: () => {},
    congestion: null,
    queueLatencySec: () => 0,
    onMessages: () => {},
    onDropped: () => {},
    onClose: () => {},
    ...over,
  };
}

/** A connection that records, per delivery, how many messages and whether more bytes were said to be waiting. */
function connection(): { conn: Connection; got: [number, boolean][] } {
  const got: [number, boolean][] = [];
  const conn = new Connection(context({
    onMessages: (msgs, _client, more) => void got.push([msgs.length, more]),
    onClose: (e) => void (e && got.push([-1, false])),
  }));
  return { conn, got };
}

test("a packet completed by a read as large as the largest so far (≥ 64 KiB) is delivered with more bytes likely waiting", () => {
  const g = new Gen(7);
  const big = framed(g.msg(g.points("/p", 5_000))), small = framed(g.msg(g.scalar("/s")));
  expect(big.length).toBeGreaterThan(64 << 10);
  const { conn, got } = connection();
  conn.push(HANDSHAKE.slice());
  // Fresh bytes for every read, as a runtime hands them over (the connection decodes packets in place).
  conn.push(big.slice()); // the largest read so far: the runtime's buffer may have been full
  conn.push(small.slice()); // a short read: the socket is drained
  conn.push(concat([big, big])); // larger still
  conn.push(concat([small, big.subarray(0, 10)]));
  conn.push(big.slice(10)); // ≥ 64 KiB but smaller than the largest read
  expect(got).toEqual([[1, true], [1, false], [1, true], [1, true], [1, false], [1, false]]);
});

/** What a connection delivered and dropped, reading large packets straight from a scripted socket when `direct`. */
function run(stream: Uint8Array, first: number, direct: boolean, congested: boolean) {
  const delivered: LogMsg[] = [], dropped: number[] = [];
  let closed: string | null | undefined, reads = 0, pos = 0, t = 0;
  const conn = new Connection(context({
    congestion: congested ? new Congestion({ maxLatencySec: 0.01, now: () => (t += 0.05), random: () => 0.5 }) : null,
    queueLatencySec: () => 1,
    onMessages: (msgs) => void delivered.push(...msgs),
    onDropped: (bytes) => void dropped.push(bytes),
    onClose: (e) => void (closed = e),
    // The socket's unread bytes come in uneven pieces, and run dry now and then (a read that finds none).
    readInto: direct
      ? (into, at, max) => {
          if (++reads % 5 === 0) return 0;
          const n = Math.min(max, stream.length - pos, [90_000, 333_333, 7][reads % 3]!);
          into.set(stream.subarray(pos, pos + n), at);
          pos += n;
          return n;
        }
      : undefined,
  }));
  // Every read event fills the runtime's buffer (`first` bytes) with what the straight reads have not taken.
  for (pos = 0; pos < stream.length && closed === undefined;) {
    const n = Math.min(stream.length - pos, first);
    const bytes = stream.slice(pos, pos + n);
    pos += n;
    conn.push(bytes);
  }
  conn.end();
  return { delivered, dropped, closed, reads };
}

/** A handshake, then large point clouds between scalars, each message its own packet. */
function largeAndSmall(): { msgs: ArrowMsg[]; stream: Uint8Array } {
  const g = new Gen(11);
  const msgs: ArrowMsg[] = [];
  for (let i = 0; i < 10; i++) msgs.push(g.msg(g.points(`/big${i % 2}`, 40_000)), g.msg(g.scalar(`/s${i}`)));
  return { msgs, stream: concat([HANDSHAKE, ...msgs.map(framed)]) };
}

test("large packets read straight get the fate the envelope read before the move gives them: dropped whole, or kept intact", () => {
  const { msgs, stream } = largeAndSmall();
  const big = framed(msgs[0]!).length - 4;
  expect(big).toBeGreaterThan(256 << 10);
  const joined = run(stream, 300_000, false, true), direct = run(stream, 300_000, true, true);
  expect(direct.reads).toBeGreaterThan(10);
  expect(direct.closed).toBeNull();
  // The same decisions as when every packet is joined from the runtime's reads, whole packets dropped by their length.
  expect(direct.dropped).toEqual(joined.dropped);
  expect(direct.dropped).toContain(big);
  expect(direct.delivered.map((m) => (m as ArrowMsg).chunkId)).toEqual(joined.delivered.map((m) => (m as ArrowMsg).chunkId));
  expect(direct.delivered.length).toBeGreaterThan(0);
  expect(direct.delivered.length + direct.dropped.length).toBe(msgs.length);
  for (const m of direct.delivered) {
    const sent = msgs.find((s) => s.chunkId.timeNs === (m as ArrowMsg).chunkId.timeNs && s.chunkId.inc === (m as ArrowMsg).chunkId.inc)!;
    expect(Buffer.compare((m as ArrowMsg).ipc, sent.ipc)).toBe(0);
  }
});

test("a malformed large packet read straight closes the connection with the decoder's error; the packets before it are kept", () => {
  const { msgs, stream } = largeAndSmall();
  // The fifth packet (a large one) gets a trailing byte inside its length: a LogMsg followed by garbage.
  const packets = msgs.map((m) => encodePacketStream(m));
  const bad = concat([packets[4]!, new Uint8Array([0])]);
  const len = bad.length - 20;
  new DataView(bad.buffer).setUint32(12, len, true);
  new DataView(bad.buffer).setUint32(16, len, true);
  packets[4] = bad;
  const corrupt = concat([HANDSHAKE, ...packets.map(frame)]);
  expect(corrupt.length).toBe(stream.length + 1);
  const r = run(corrupt, 300_000, true, false);
  expect(r.reads).toBeGreaterThan(0);
  expect(r.closed).toStartWith("MsgPack error: 1 trailing bytes after the LogMsg");
  expect(r.delivered.map((m) => (m as ArrowMsg).chunkId)).toEqual(msgs.slice(0, 4).map((m) => m.chunkId));
});
