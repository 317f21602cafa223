/**
 * The asset pack embedded in the compiled binary: every viewer file gzip-compressed once at build
 * time, with its content type and ETag. Layout: `RRTSPAK1`, u32 LE index length, the JSON index,
 * then the gzip bodies.
 */
import { gzipSync } from "fflate";

const MAGIC = "RRTSPAK1";

/** One served file: URL path, content type, ETag (of the raw bytes), and its gzip body. */
export interface Asset {
  path: string;
  type: string;
  etag: string;
  /** Uncompressed size. */
  size: number;
  gzip: Uint8Array;
}

interface IndexEntry extends Omit<Asset, "gzip"> {
  offset: number;
  length: number;
}

/** A strong ETag of `bytes`: the first 16 hex digits of their SHA-256. */
export async function etagOf(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The asset of `raw` served at `path`; `cached` may return an earlier gzip body for the same ETag. */
export async function makeAsset(path: string, type: string, raw: Uint8Array, cached?: (etag: string) => Uint8Array | null): Promise<Asset> {
  const etag = await etagOf(raw);
  return { path, type, etag, size: raw.length, gzip: cached?.(etag) ?? gzipSync(raw, { level: 9 }) };
}

/** Serializes assets into one pack. */
export function writePack(assets: readonly Asset[]): Uint8Array {
  let offset = 0;
  const index: IndexEntry[] = assets.map(({ gzip, ...a }) => {
    const e = { ...a, offset, length: gzip.length };
    offset += gzip.length;
    return e;
  });
  const json = new TextEncoder().encode(JSON.stringify(index));
  const out = new Uint8Array(MAGIC.length + 4 + json.length + offset);
  out.set(new TextEncoder().encode(MAGIC));
  new DataView(out.buffer).setUint32(MAGIC.length, json.length, true);
  out.set(json, MAGIC.length + 4);
  let at = MAGIC.length + 4 + json.length;
  for (const a of assets) {
    out.set(a.gzip, at);
    at += a.gzip.length;
  }
  return out;
}

/** The assets of a pack, by path (bodies are views into `pack`); throws on a damaged pack. */
export function readPack(pack: Uint8Array): Map<string, Asset> {
  if (new TextDecoder().decode(pack.subarray(0, MAGIC.length)) !== MAGIC) throw new Error("not an asset pack");
  const n = new DataView(pack.buffer, pack.byteOffset).getUint32(MAGIC.length, true);
  const body = MAGIC.length + 4 + n;
  const index = JSON.parse(new TextDecoder().decode(pack.subarray(MAGIC.length + 4, body))) as IndexEntry[];
  return new Map(index.map(({ offset, length, ...a }) => [a.path, { ...a, gzip: pack.subarray(body + offset, body + offset + length) }]));
}
