/** A test SDK client over a real socket, behaving like the 0.22 Rust SDK (spec §1.7). */
import net from "node:net";
import { concat, encodePacketStream } from "../../store/encoder.ts";
import type { LogMsg } from "../../store/logmsg.ts";

/** A u32 little-endian. */
export const u32 = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);
const u16 = (n: number) => new Uint8Array(new Uint16Array([n]).buffer);

/** The v1 handshake's bytes: protocol version 1, then "rerun". */
export const HANDSHAKE = new Uint8Array([1, 0, ...new TextEncoder().encode("rerun")]);

/** A packet as it goes on the wire: its u32 LE length, then its bytes. */
export const frame = (packet: Uint8Array) => concat([u32(packet.length), packet]);

/** A message as its own packet, framed. */
export const framed = (m: LogMsg) => frame(encodePacketStream(m));

/** One client connection; every write resolves once handed to the OS. */
export class TestClient {
  private readonly closed: Promise<void>;
  /** Bytes the server wrote to us (it never should). */
  received = 0;

  /** Our address as the server sees it. */
  readonly addr: string;

  private constructor(readonly socket: net.Socket) {
    this.addr = `127.0.0.1:${socket.localPort}`;
    this.closed = new Promise((resolve) => socket.once("close", () => resolve()));
    socket.on("data", (b: Uint8Array) => (this.received += b.length));
    socket.on("error", () => {}); // the server may drop us; the test checks the server's view
  }

  /** Connects to 127.0.0.1:port; writes nothing yet. */
  static connect(port: number): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(new TestClient(socket)));
      socket.once("error", reject);
    });
  }


  /** Writes raw bytes. */
  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve) => this.socket.write(bytes, () => resolve()));
  }

  /** The handshake: version, then (unless 0) the header, as two writes like the real SDK. */
  async handshake(version = 1, header = "rerun"): Promise<void> {
    await this.write(u16(version));
    if (version !== 0) await this.write(new TextEncoder().encode(header));
  }

  /** One packet: its u32 LE length, then its bytes (two writes, like the real SDK). */
  async packet(bytes: Uint8Array): Promise<void> {
    await this.write(u32(bytes.length));
    await this.write(bytes);
  }

  /** Each message as its own packet, as a 0.22 SDK sends them. */
  async send(msgs: Iterable<LogMsg>): Promise<void> {
    for (const m of msgs) await this.packet(encodePacketStream(m));
  }

  /** Closes our side and waits until the socket is fully closed. */
  async end(): Promise<void> {
    this.socket.end();
    await this.closed;
  }

  /** Waits until the server has closed the connection. */
  whenClosed(): Promise<void> {
    return this.closed;
  }
}

/** Connects, handshakes (v1), sends every message as its own packet, closes; returns the client's address. */
export async function replay(port: number, msgs: LogMsg[], version = 1): Promise<string> {
  const c = await TestClient.connect(port);
  await c.handshake(version);
  await c.send(msgs);
  await c.end();
  return c.addr;
}
