/** A minimal SDK client: probes a port, and forwards messages to a running server as a 0.22 SDK does. */
import net from "node:net";
import { encodePacketStream } from "../../store/encoder.ts";
import type { LogMsg } from "../../store/logmsg.ts";
import { PROTOCOL_HEADER, PROTOCOL_VERSION_1 } from "./handshake.ts";

/** Connects to host:port within `timeoutMs`; resolves the socket, or null if nothing answers. */
export function probe(host: string, port: number, timeoutMs = 1000): Promise<net.Socket | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(null);
    });
  });
}

/** An SDK connection on an open socket: handshake now, then one packet per message. */
export class Forwarder {
  constructor(private readonly socket: net.Socket) {
    const hello = new Uint8Array(2 + PROTOCOL_HEADER.length);
    hello[0] = PROTOCOL_VERSION_1;
    hello.set(new TextEncoder().encode(PROTOCOL_HEADER), 2);
    socket.write(hello);
  }

  /** Sends one message as its own packet; resolves when the socket can take more (back-pressure). */
  send(msg: LogMsg): Promise<void> | void {
    const packet = encodePacketStream(msg);
    const head = new Uint8Array(4);
    new DataView(head.buffer).setUint32(0, packet.length, true);
    this.socket.write(head);
    if (!this.socket.write(packet)) return new Promise((resolve) => this.socket.once("drain", () => resolve()));
  }

  /** Flushes and closes the connection (a goodbye for the server). */
  end(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once("close", () => resolve());
      this.socket.end();
    });
  }
}
