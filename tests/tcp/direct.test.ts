/** Large packets read straight from the socket into their own buffer (server.ts `directReader`): every byte, in order. */
import { expect, test } from "bun:test";
import { closeSync, openSync } from "node:fs";
import net from "node:net";
import { Connection } from "../../server/tcp/connection.ts";
import { directReader, nonBlocking } from "../../server/tcp/server.ts";
import { concat, encodePacketStream } from "../../store/encoder.ts";
import type { ArrowMsg, LogMsg } from "../../store/logmsg.ts";
import { Gen } from "../../scripts/bench/gen.ts";
import { framed, HANDSHAKE, TestClient } from "./client.ts";
import { record } from "./harness.ts";


interface Served {
  port: number;
  got: LogMsg[];
  /** Bytes read straight from the socket, calls to read, and calls made while the stream was paused or held unread bytes. */
  direct: number;
  calls: number;
  held: number;
  closed: Promise<string | null>;
  stop(): void;
}

/** A real loopback server whose one connection is wired as server.ts wires it, counting its straight reads. */
async function serve(opts: { startPaused?: boolean; pauseEach?: boolean } = {}): Promise<Served> {
  let close!: (e: string | null) => void;
  const s = { got: [] as LogMsg[], direct: 0, calls: 0, held: 0, closed: new Promise<string | null>((r) => (close = r)) } as Served;
  const server = net.createServer((socket) => {
    if (opts.startPaused) (socket.pause(), setTimeout(() => socket.resume(), 60));
    const read = directReader(socket)!;
    const conn = new Connection({
      client: { id: 1, addr: "test" }, quiet: true, maxPacketBytes: 1 << 30, log: () => {}, logOnce: () => {}, congestion: null,
      queueLatencySec: () => 0,
      onMessages: (msgs) => {
        s.got.push(...msgs);
        if (opts.pauseEach) (socket.pause(), setTimeout(() => socket.resume(), 2));
      },
      onDropped: () => {},
      onClose: (e) => (socket.destroy(), close(e)),
      readInto: (into, at, max) => {
        s.calls++;
        if (socket.isPaused() || socket.readableLength > 0) s.held++;
        const n = read(into, at, max);
        s.direct += n;
        return n;
      },
    });
    socket.on("data", (b: Uint8Array) => conn.push(b));
    socket.on("end", () => conn.end());
    socket.on("error", (e) => conn.fail(e.message));
    socket.on("close", () => conn.end());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  s.port = (server.address() as net.AddressInfo).port;
  s.stop = () => server.close();
  return s;
}

async function connect(port: number): Promise<net.Socket> {
  const c = net.connect(port, "127.0.0.1");
  await new Promise((r) => c.once("connect", r));
  return c;
}

/** 12 point clouds of 1.2 MB, each followed by a scalar, framed after the handshake. */
function recording(): { sent: ArrowMsg[]; stream: Uint8Array } {
  const g = new Gen(3);
  const sent: ArrowMsg[] = [];
  for (let i = 0; i < 12; i++) sent.push(g.msg(g.points(`/big${i % 3}`, 100_000)), g.msg(g.scalar(`/s${i}`)));
  return { sent, stream: concat([HANDSHAKE, ...sent.map(framed)]) };
}

/** Sends half the stream at once, the rest in uneven pieces with pauses (some arrive while a packet is read straight). */
async function send(c: net.Socket, stream: Uint8Array): Promise<void> {
  const half = stream.length >> 1;
  c.write(stream.subarray(0, half));
  for (let at = half, k = 0; at < stream.length; k++) {
    const n = [1, 700_000, 13, 300_000, 65_536][k % 5]!;
    c.write(stream.subarray(at, Math.min(stream.length, at + n)));
    at += n;
    if (k % 3 === 0) await Bun.sleep(2);
  }
  c.end();
}

function expectIntact(got: LogMsg[], sent: ArrowMsg[]): void {
  expect(got.map((m) => (m as ArrowMsg).chunkId)).toEqual(sent.map((m) => m.chunkId));
  for (let i = 0; i < sent.length; i++) expect(Buffer.compare((got[i] as ArrowMsg).ipc, sent[i]!.ipc)).toBe(0);
}

test("large packets between small ones, in one write and in pieces: every message intact and in order, most bytes read straight", async () => {
  const { sent, stream } = recording();
  expect(sent[0]!.ipc.length).toBeGreaterThan(1 << 20);
  const s = await serve();
  await send(await connect(s.port), stream);
  expect(await s.closed).toBeNull();
  s.stop();
  expectIntact(s.got, sent);
  expect(s.direct).toBeGreaterThan(stream.length / 4);
});

test("paused sockets (from the start, and after every packet) are not read around: bytes the stream holds come first", async () => {
  for (const opts of [{ startPaused: true }, { pauseEach: true }]) {
    const { sent, stream } = recording();
    const s = await serve(opts);
    await send(await connect(s.port), stream);
    expect(await s.closed).toBeNull();
    s.stop();
    expectIntact(s.got, sent);
    expect(s.held + s.direct).toBeGreaterThan(0);
  }
});

test("a reset in the middle of a packet read straight closes with the read error; an EOF there is a goodbye", async () => {
  const { stream } = recording();
  const packet = 4 + 7 + 4 + 1.2e6;
  for (const how of ["reset", "eof"] as const) {
    const s = await serve();
    const c = await connect(s.port);
    c.write(stream.subarray(0, packet * 0.6));
    await Bun.sleep(30);
    c.write(stream.subarray(packet * 0.6, packet * 0.7)); // arrives with the reset or the EOF behind it
    if (how === "reset") c.resetAndDestroy();
    else c.end();
    const closed = await s.closed;
    s.stop();
    if (how === "reset") expect(closed).toBe("read ECONNRESET");
    else expect(closed).toBeNull();
    expect(s.got).toEqual([]);
    expect(s.calls).toBeGreaterThan(0); // the packet was being read straight
  }
});

test("the real server: a malformed large packet closes its client with a one-line error; a client sending large packets meanwhile gets all of them", async () => {
  const r = await record();
  const { sent, stream } = recording();
  const bad = concat([encodePacketStream(sent[2]!), new Uint8Array([0])]);
  const len = bad.length - 20;
  new DataView(bad.buffer).setUint32(12, len, true);
  new DataView(bad.buffer).setUint32(16, len, true);
  const breaker = async () => {
    const c = await TestClient.connect(r.port);
    await c.handshake();
    await c.send(sent.slice(0, 2));
    await c.packet(bad);
    return { addr: c.addr, error: await r.closed(c.addr) };
  };
  const good = async () => {
    const c = await connect(r.port);
    const addr = `${c.localAddress}:${c.localPort}`;
    await send(c, stream);
    return addr;
  };
  const [b, g] = await Promise.all([breaker(), good()]);
  expect(b.error).toStartWith("MsgPack error: 1 trailing bytes after the LogMsg");
  expect(r.texts("warn")).toContain(`Closing connection to client at ${b.addr}: ${b.error}`);
  expect(r.msgs(b.addr).map((m) => (m as ArrowMsg).chunkId)).toEqual(sent.slice(0, 2).map((m) => m.chunkId));
  expect(await r.closed(g)).toBeNull();
  expectIntact(r.msgs(g), sent);
  await r.server.close();
});

test("straight reads only from a descriptor the kernel reports as non-blocking", async () => {
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => void sockets.push(s));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const c = await connect((server.address() as net.AddressInfo).port);
  while (sockets.length === 0) await Bun.sleep(1);
  const fd = (sockets[0] as unknown as { _handle: { fd: number } })._handle.fd;
  expect(nonBlocking(fd)).toBe(true);
  expect(directReader(sockets[0]!)).toBeFunction();
  const file = openSync(import.meta.path, "r"); // a blocking descriptor
  try {
    expect(nonBlocking(file)).toBe(false);
  } finally {
    closeSync(file);
  }
  expect(nonBlocking(1 << 20)).toBe(false); // no such descriptor
  c.destroy();
  sockets[0]!.destroy();
  await new Promise((r) => server.close(r));
});
