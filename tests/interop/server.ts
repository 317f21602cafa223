const PACKAGE_DIR = new URL("../../node_modules/@rerun-io/web-viewer/", import.meta.url);
const PAGE = new URL("./page.html", import.meta.url);

const MIME: Record<string, string> = {
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".html": "text/html; charset=utf-8",
};

/** A loopback HTTP server for the viewer page, the web-viewer package files and in-memory .rrd files. */
export interface ViewerServer {
  /** URL of the page that starts the viewer on `src`. */
  pageUrl(src: string): string;
  /** Serves a copy of `bytes` until `stop()`; returns its absolute http URL. */
  addRrd(bytes: Uint8Array): string;
  stop(): void;
}

/** Starts a ViewerServer on 127.0.0.1 with an OS-chosen port. */
export function startViewerServer(): ViewerServer {
  const rrds = new Map<string, Uint8Array<ArrayBuffer>>();
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const path = new URL(req.url).pathname;
      if (path === "/" || path === "/index.html") return serveFile(PAGE);
      const rrd = rrds.get(path);
      if (rrd) return new Response(rrd, { headers: { "content-type": "application/octet-stream" } });
      const asset = path.match(/^\/web-viewer\/([\w.]+)$/)?.[1];
      if (asset) return serveFile(new URL(asset === "re_viewer" ? "re_viewer.js" : asset, PACKAGE_DIR));
      return new Response("not found", { status: 404 });
    },
  });
  const origin = `http://127.0.0.1:${server.port}`;
  return {
    pageUrl: (src) => `${origin}/?src=${encodeURIComponent(src)}`,
    addRrd(bytes) {
      const path = `/rrd/${rrds.size}.rrd`;
      rrds.set(path, new Uint8Array(bytes));
      return origin + path;
    },
    stop: () => void server.stop(true),
  };
}

async function serveFile(url: URL): Promise<Response> {
  const file = Bun.file(url);
  if (!(await file.exists())) return new Response("not found", { status: 404 });
  const ext = url.pathname.slice(url.pathname.lastIndexOf("."));
  return new Response(file, { headers: { "content-type": MIME[ext] ?? "application/octet-stream" } });
}
