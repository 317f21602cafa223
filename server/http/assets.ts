/**
 * The viewers' files: from the pack embedded in the compiled binary, or, running from source, from
 * `dist/viewer` (our viewer) and `node_modules/@rerun-io/web-viewer` (the official one, under
 * `/rerun/`). Answers carry an ETag and Cache-Control, gzip when the client takes it.
 */
import { stat, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "fflate";
import type { Context } from "hono";
import { mimeType } from "./mime.ts";
import { type Asset, makeAsset, readPack } from "./pack.ts";
import { PLACEHOLDER_PAGE } from "./pages.ts";

/** The official viewer's files, served under `/rerun/`. */
export const OFFICIAL_FILES = ["index.js", "re_viewer.js", "re_viewer_bg.wasm"];

/** Where assets come from. */
export interface Assets {
  readonly source: "embedded" | "disk";
  /** The asset at a safe path (see `assetPath`), or null. */
  get(path: string): Promise<Asset | null>;
}

const VIEWER_DIR = join(import.meta.dirname!, "../../dist/viewer/");
const OFFICIAL_DIR = join(import.meta.dirname!, "../../node_modules/@rerun-io/web-viewer/");

/** The embedded pack when there is one, else the files on disk. */
export async function loadAssets(): Promise<Assets> {
  const embedded = (globalThis as unknown as { Bun?: { embeddedFiles: readonly Blob[] } }).Bun?.embeddedFiles ?? [];
  const pack = embedded.find((f) => /rerun-assets[^/]*\.pack$/.test((f as File).name));
  if (!pack) return diskAssets();
  // Read on the first request, not at start-up: the pack (~10 MB, mostly the official viewer's wasm)
  // would otherwise sit in the heap of every process, also those nobody opens a browser on.
  let assets: Promise<Map<string, Asset>> | null = null;
  return { source: "embedded", get: async (path) => (await (assets ??= pack.arrayBuffer().then((b) => readPack(new Uint8Array(b))))).get(path) ?? null };
}

/** The file behind an asset path on disk, or null (official files are listed; ours must stay under dist/viewer). */
function diskFile(path: string): string | null {
  if (path.startsWith("/rerun/")) {
    const name = path.slice("/rerun/".length);
    return OFFICIAL_FILES.includes(name) ? OFFICIAL_DIR + name : null;
  }
  return VIEWER_DIR + path.slice(1);
}

function diskAssets(): Assets {
  const cache = new Map<string, { mtimeMs: number; asset: Asset }>();
  return {
    source: "disk",
    async get(path) {
      const file = diskFile(path);
      const info = file ? await stat(file).catch(() => null) : null;
      if (!file || !info?.isFile()) {
        return path === "/index.html" ? makeAsset(path, mimeType(path), new TextEncoder().encode(PLACEHOLDER_PAGE)) : null;
      }
      const hit = cache.get(path);
      if (hit && hit.mtimeMs === info.mtimeMs) return hit.asset;
      const asset = await makeAsset(path, mimeType(path), new Uint8Array(await readFile(file)));
      cache.set(path, { mtimeMs: info.mtimeMs, asset });
      return asset;
    },
  };
}

/** The asset path of a URL path (`/` → `/index.html`), or null if it could leave the asset root. */
export function assetPath(pathname: string): string | null {
  let p: string;
  try {
    p = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (!p.startsWith("/") || p.includes("\\") || p.includes("\0")) return null;
  if (p.split("/").some((s) => s === "." || s === "..")) return null;
  if (p === "/rerun/re_viewer") return "/rerun/re_viewer.js"; // index.js imports it without extension
  return p.endsWith("/") ? `${p}index.html` : p;
}

/** Names with a content hash (e.g. `main-3f9a1c2b.js`) never change: cached for a year, others revalidated. */
function cacheControl(path: string): string {
  return /[.-][A-Za-z0-9_]{8,}\.(js|css|wasm|png|svg|woff2)$/.test(path) ? "public, max-age=31536000, immutable" : "no-cache";
}

/** The answer for an asset: 304 on a matching If-None-Match, gzip if accepted, else the plain bytes. */
export function assetResponse(c: Context, asset: Asset): Response {
  const etag = `"${asset.etag}"`;
  const headers: Record<string, string> = { etag, "cache-control": cacheControl(asset.path), vary: "accept-encoding" };
  if (c.req.header("if-none-match")?.split(/\s*,\s*/).includes(etag)) return new Response(null, { status: 304, headers });
  headers["content-type"] = asset.type;
  if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
    headers["content-encoding"] = "gzip";
    return new Response(asset.gzip as Uint8Array<ArrayBuffer>, { headers });
  }
  return new Response(gunzipSync(asset.gzip) as Uint8Array<ArrayBuffer>, { headers });
}
