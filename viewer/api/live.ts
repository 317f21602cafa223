/** The `/api/live` WebSocket: frames of JSON events (an array or one event), reconnecting with back-off. */
import type { LiveEvent } from "./types.ts";

/** Connection states reported to the UI. */
export type LiveStatus = "connecting" | "live" | "offline";

/** Connects to the live endpoint; returns a function that closes it for good. */
export function connectLive(onEvent: (e: LiveEvent) => void, onStatus: (s: LiveStatus) => void): () => void {
  let ws: WebSocket | null = null;
  let closed = false;
  let delay = 250;
  const open = () => {
    const url = new URL("api/live", location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    onStatus("connecting");
    ws = new WebSocket(url);
    ws.onopen = () => {
      delay = 250;
      onStatus("live");
    };
    ws.onmessage = (m) => {
      const body = JSON.parse(String(m.data)) as Record<string, unknown> | Record<string, unknown>[];
      for (const e of Array.isArray(body) ? body : [body]) {
        if (e.type === "time") onEvent({ ...(e as unknown as LiveEvent & { type: "time" }), min: BigInt(e.min as string), max: BigInt(e.max as string) });
        else onEvent(e as unknown as LiveEvent);
      }
    };
    ws.onclose = () => {
      onStatus("offline");
      if (closed) return;
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 5000);
    };
  };
  open();
  return () => {
    closed = true;
    ws?.close();
  };
}
