/**
 * Builds the asset pack embedded in the binary: our viewer (built into dist/viewer by
 * scripts/build-viewer.ts when it exists, else a placeholder page) and the official Rerun 0.22 web
 * viewer under `/rerun/`, each file gzip-compressed (bodies cached in dist/.gz-cache by ETag).
 * `bun scripts/assets.ts [OUT.pack]`
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { OFFICIAL_FILES } from "../server/http/assets.ts";
import { mimeType } from "../server/http/mime.ts";
import { type Asset, makeAsset, writePack } from "../server/http/pack.ts";
import { PLACEHOLDER_PAGE } from "../server/http/pages.ts";

const ROOT = join(import.meta.dirname, "..");
const VIEWER_OUT = join(ROOT, "dist/viewer");
const OFFICIAL_DIR = join(ROOT, "node_modules/@rerun-io/web-viewer");
const GZ_CACHE = join(ROOT, "dist/.gz-cache");

/** Builds our viewer into dist/viewer, or writes the placeholder page there when its build script is not written yet. */
async function buildOurViewer(): Promise<void> {
  rmSync(VIEWER_OUT, { recursive: true, force: true });
  mkdirSync(VIEWER_OUT, { recursive: true });
  const script = join(ROOT, "scripts/build-viewer.ts");
  if (!existsSync(script)) return writeFileSync(join(VIEWER_OUT, "index.html"), PLACEHOLDER_PAGE);
  const { buildViewer } = (await import(pathToFileURL(script).href)) as { buildViewer(outDir: string): unknown };
  await buildViewer(VIEWER_OUT);
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The gzip body cached for an ETag, if any. */
function cachedGzip(etag: string): Uint8Array | null {
  const file = join(GZ_CACHE, `${etag}.gz`);
  return existsSync(file) ? new Uint8Array(readFileSync(file)) : null;
}

/** Writes the pack of every viewer file to `out`; returns how many files it holds. */
export async function buildAssets(out: string): Promise<number> {
  await buildOurViewer();
  const sources: [path: string, file: string][] = [
    ...filesUnder(VIEWER_OUT).map((f): [string, string] => [`/${relative(VIEWER_OUT, f).split(sep).join("/")}`, f]),
    ...OFFICIAL_FILES.map((name): [string, string] => [`/rerun/${name}`, join(OFFICIAL_DIR, name)]),
  ];
  mkdirSync(GZ_CACHE, { recursive: true });
  const assets: Asset[] = [];
  for (const [path, file] of sources) {
    const asset = await makeAsset(path, mimeType(path), new Uint8Array(readFileSync(file)), cachedGzip);
    writeFileSync(join(GZ_CACHE, `${asset.etag}.gz`), asset.gzip);
    assets.push(asset);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, writePack(assets));
  return assets.length;
}

if (import.meta.main) await buildAssets(process.argv[2] ?? join(ROOT, "dist/rerun-assets.pack"));
