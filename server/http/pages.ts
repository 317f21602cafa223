/** The two pages written here: the official viewer's start page (`/rerun/`) and the placeholder for an unbuilt viewer. */

/**
 * The official Rerun 0.22 web viewer, started on `?url=…` or else on the relay at this page's own
 * host (never `localhost`: the page may be opened from another machine or through a forwarded port).
 */
export function rerunPage(wsPort: number): string {
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>Rerun 0.22 web viewer</title>
<style>html, body { margin: 0; height: 100%; overflow: hidden; background: #0d1011; }</style>
</head>
<body>
<script type="module">
  import { WebViewer } from "./index.js";
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const url = new URLSearchParams(location.search).get("url") ?? scheme + "://" + location.hostname + ":${wsPort}";
  const viewer = new WebViewer();
  window.viewer = viewer;
  viewer
    .start(url, document.body, { render_backend: "webgl", hide_welcome_screen: true, width: "100%", height: "100%" })
    .catch((e) => console.error("viewer start failed:", e));
</script>
</body>
</html>
`;
}

/** Served at `/` when our viewer was not built: lists the recordings and live events, links the official viewer. */
export const PLACEHOLDER_PAGE = `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>rerun</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 50em; padding: 0 1em; color: #ddd; background: #0d1011; }
  a { color: #7fb8ff; } code, pre { font-size: 13px; color: #bbb; }
</style>
</head>
<body>
<h1>rerun</h1>
<p>This build does not include our web viewer yet (<code>scripts/build-viewer.ts</code> was not there when it was built).</p>
<p><a href="rerun/">Open the official Rerun 0.22 web viewer</a>, which reads the same data.</p>
<h2>Recordings</h2>
<ul id="recordings"><li>loading…</li></ul>
<h2>Live events</h2>
<pre id="events"></pre>
<script type="module">
  // Every URL is relative to this page: it works through any host name and forwarded port.
  const list = document.getElementById("recordings"), events = document.getElementById("events");
  async function refresh() {
    const recs = await (await fetch("api/recordings")).json();
    list.replaceChildren(...recs.map((r) => {
      const li = document.createElement("li");
      li.textContent = r.kind + " " + r.id + " — " + (r.applicationId ?? "?") + ", " + r.rows + " rows, " + r.entityCount + " entities ";
      const a = document.createElement("a");
      a.href = "api/recordings/" + encodeURIComponent(r.id) + "/rrd";
      a.textContent = "download .rrd";
      li.append(a);
      return li;
    }));
    if (recs.length === 0) list.innerHTML = "<li>none yet</li>";
  }
  let pending = 0;
  const ws = new WebSocket(new URL("api/live", location.href.replace(/^http/, "ws")));
  ws.onmessage = (m) => {
    const batch = JSON.parse(m.data);
    events.textContent = (JSON.stringify(batch) + "\\n" + events.textContent).slice(0, 4000);
    if (!pending && batch.some((e) => e.type === "recordings" || e.type === "data")) pending = setTimeout(() => ((pending = 0), refresh()), 500);
  };
</script>
</body>
</html>
`;
