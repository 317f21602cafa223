/** The top bar: app name, the current recording, the connection state and the last error. */
import { currentRecording } from "../state/derived.ts";
import { get, subscribe } from "../state/store.ts";
import { h, replaceChildren } from "./dom.ts";

/** Mounts the bar into `el`. */
export function mountTopBar(el: HTMLElement): void {
  const rec = h("span", { class: "top-recording" });
  const live = h("span", { class: "live-status", role: "status" });
  const error = h("span", { class: "top-error", role: "alert" });
  el.append(h("span", { class: "logo" }, "rerun"), rec, h("span", { class: "spacer" }), error, live);
  const render = () => {
    const s = get(), r = currentRecording();
    replaceChildren(rec, r ? `${r.applicationId} — ${r.id}` : "");
    live.textContent = s.live === "live" ? "● live" : s.live === "connecting" ? "○ connecting" : "○ offline";
    live.className = `live-status ${s.live}`;
    error.textContent = s.error ?? "";
  };
  subscribe(["recordings", "recordingId", "live", "error"], render);
  render();
}
