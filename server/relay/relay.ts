/**
 * The 0.22 WebSocket relay (spec §5): every message the store takes is fanned out to every viewer
 * (`RR00` + bincode); a new viewer first gets the history replayed from the store. Slow viewers queue
 * messages on their own, and one over its byte cap is dropped with a WARN.
 */
import type { Chunk } from "../../store/chunk.ts";
import { chunkMsg } from "../../store/chunk-msg.ts";
import { viewsIpc } from "../../store/transport.ts";
import type { Hub } from "../../store/db/hub.ts";
import type { ArrowMsg, LogMsg } from "../../store/logmsg.ts";
import type { LogFn } from "../log.ts";
import type { Socket } from "../runtime/types.ts";
import { type ClientLimits, RelayClient } from "./client.ts";
import { historyFrames } from "./history.ts";

/** Defaults: send while under 1 MiB buffered; drop a client with more than 256 MiB of live frames waiting. */
export const DEFAULT_LIMITS: ClientLimits = { highWaterBytes: 1 << 20, maxQueuedBytes: 256 << 20 };

/** The relay: the store's messages to every viewer. */
export class Relay {
  /** Viewers connected so far. */
  served = 0;
  private readonly clients = new Set<RelayClient>();
  private readonly unsubscribe: (() => void)[];
  /** The message each chunk arrived in, while the store keeps that chunk as it is (compaction makes new ones). */
  private readonly wire = new WeakMap<Chunk, ArrowMsg>();

  constructor(
    private readonly hub: Hub,
    private readonly log: LogFn,
    private readonly limits: ClientLimits = DEFAULT_LIMITS,
  ) {
    this.unsubscribe = [
      hub.on("store-info", ({ db }) => this.broadcast(db.storeInfo!)),
      hub.on("chunk-added", (ev) => {
        const { db, msg } = ev;
        // Only when the chunk views the message's own bytes: keeping the message then costs no memory. A
        // queued row is never stored as the chunk it came in, so it needs no entry (nor its chunk made).
        if (msg && ev.row === null && viewsIpc(ev.chunk, msg.ipc)) this.wire.set(ev.chunk, msg);
        if (this.clients.size > 0) this.broadcast(msg ?? chunkMsg(db.id, ev.chunk));
      }),
      hub.on("blueprint-activation", ({ command }) => this.broadcast(command)),
    ];
  }

  /** Number of connected viewers. */
  get size(): number {
    return this.clients.size;
  }

  /** The history a viewer connecting now gets, as frames encoded lazily (one buffer: a frame is valid until the next is taken). */
  history(): Generator<Uint8Array> {
    return historyFrames(this.hub, (chunk) => this.wire.get(chunk));
  }

  /** A new viewer: it gets the history, then live messages. */
  connect(peer: string, socket: Socket): RelayClient {
    const client = new RelayClient(peer, socket, this.history(), this.limits);
    this.clients.add(client);
    this.served++;
    this.log("debug", `New web socket client connected: ${peer}`);
    return client;
  }

  /** A viewer went away. */
  disconnect(client: RelayClient): void {
    if (!this.clients.delete(client)) return;
    client.close();
    this.log("debug", `Web socket client disconnected: ${client.peer}`);
  }

  /** Sends one message to every viewer. */
  broadcast(msg: LogMsg): void {
    if (this.clients.size === 0) return;
    for (const c of this.clients) {
      if (c.push(msg)) continue;
      this.log("warn", `Dropping slow web socket client ${c.peer}: more than ${this.limits.maxQueuedBytes} bytes waiting`);
      this.clients.delete(c);
      c.close(1008, "too slow");
    }
  }

  /** Stops listening to the store and closes every viewer. */
  close(): void {
    for (const u of this.unsubscribe) u();
    for (const c of this.clients) c.close(1001, "server shutting down");
    this.clients.clear();
  }
}
