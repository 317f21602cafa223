/** The recordings panel: recordings grouped by application id; switch, download as .rrd, open in the official viewer. */
import { rrdUrl } from "../api/client.ts";
import type { RecordingInfo } from "../api/types.ts";
import { background, selectRecording } from "../state/sync.ts";
import { get, subscribe } from "../state/store.ts";
import { h, replaceChildren } from "./dom.ts";
import { icon } from "./icons.ts";

function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  for (; n >= 1024 && i < units.length - 1; i++) n /= 1024;
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

function started(r: RecordingInfo): string {
  const ns = BigInt(r.started || "0");
  return ns > 0n ? new Date(Number(ns / 1_000_000n)).toISOString().replace("T", " ").slice(0, 19) : "";
}

/** Mounts the panel into `el`. */
export function mountRecordings(el: HTMLElement): void {
  const list = h("div", { class: "recording-list" });
  el.append(
    h("div", { class: "panel-title" }, h("span", {}, "Recordings"), h("a", { href: new URL("rerun/", location.href).toString(), target: "_blank", rel: "noopener", class: "small-link", title: "Open the official Rerun 0.22 web viewer" }, "official viewer ↗")),
    list,
  );
  const render = () => {
    const s = get();
    const groups = new Map<string, RecordingInfo[]>();
    for (const r of s.recordings) (groups.get(r.applicationId) ?? groups.set(r.applicationId, []).get(r.applicationId)!).push(r);
    const byApp = [...groups].sort((a, b) => a[0].localeCompare(b[0]));
    if (groups.size === 0) return replaceChildren(list, h("div", { class: "empty" }, s.live === "live" ? "Waiting for data…" : "No recordings"));
    replaceChildren(list, ...byApp.map(([app, recs]) => h("div", { class: "app-group" },
      h("div", { class: "app-name", title: app }, app),
      ...recs.sort((a, b) => a.started.localeCompare(b.started, undefined, { numeric: true })).map((r) => h("div", { class: `recording${r.id === s.recordingId ? " current" : ""}` },
        h("button", { class: "recording-open", title: `${r.id}\n${r.rows} rows, ${r.entityCount} entities`, "aria-current": r.id === s.recordingId ? "true" : null, onclick: () => background(selectRecording(r.id)) },
          h("span", { class: "rec-id mono" }, r.id.slice(0, 8)), h("span", { class: "rec-meta" }, `${started(r)} · ${formatBytes(r.sizeBytes)}`)),
        h("a", { class: "icon-button", href: rrdUrl(r.id), download: `${app.replace(/[^\w.-]+/g, "_")}.rrd`, title: "Download as .rrd", "aria-label": `Download ${r.id} as .rrd` }, icon("download")))))));
  };
  subscribe(["recordings", "recordingId", "live"], render);
  render();
}
