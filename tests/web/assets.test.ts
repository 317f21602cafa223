/** The asset pack, safe asset paths, and the caching headers of asset answers. */
import { describe, expect, test } from "bun:test";
import { gunzipSync } from "fflate";
import { Hono } from "hono";
import { assetPath, assetResponse } from "../../server/http/assets.ts";
import { makeAsset, readPack, writePack } from "../../server/http/pack.ts";
import { rerunPage } from "../../server/http/pages.ts";

describe("asset pack", () => {
  test("round-trips paths, types, ETags and gzip bodies", async () => {
    const raw = [new TextEncoder().encode("<!doctype html>"), new Uint8Array(100_000).map((_, i) => i & 0x7f)];
    const assets = [await makeAsset("/index.html", "text/html; charset=utf-8", raw[0]!), await makeAsset("/rerun/re_viewer_bg.wasm", "application/wasm", raw[1]!)];
    const back = readPack(writePack(assets));
    expect([...back.keys()]).toEqual(["/index.html", "/rerun/re_viewer_bg.wasm"]);
    for (const [i, a] of assets.entries()) {
      const b = back.get(a.path)!;
      expect({ ...b, gzip: null }).toEqual({ ...a, gzip: null });
      expect(gunzipSync(b.gzip)).toEqual(raw[i]!);
    }
    expect(assets[0]!.etag).toMatch(/^[0-9a-f]{16}$/);
    expect(() => readPack(new Uint8Array(16))).toThrow("not an asset pack");
  });
});

describe("assetPath", () => {
  const cases: [string, string | null][] = [
    ["/", "/index.html"],
    ["/rerun/", "/rerun/index.html"],
    ["/rerun/re_viewer", "/rerun/re_viewer.js"],
    ["/assets/main-1a2b3c4d.js", "/assets/main-1a2b3c4d.js"],
    ["/..%2f..%2fetc/passwd", null],
    ["/a/%2e%2e/b", null],
    ["/a/./b", null],
    ["/..\\x", null],
    ["/%00", null],
    ["/%zz", null],
    ["relative", null],
  ];
  for (const [input, expected] of cases) test(`${input} → ${expected}`, () => expect(assetPath(input)).toBe(expected));
});

describe("asset answers", () => {
  test("gzip when accepted, plain otherwise, 304 for a matching ETag, immutable for hashed names", async () => {
    const body = new TextEncoder().encode("console.log(1)".repeat(100));
    const plainName = await makeAsset("/viewer.js", "text/javascript; charset=utf-8", body);
    const hashed = await makeAsset("/assets/main-1a2b3c4d.js", "text/javascript; charset=utf-8", body);
    const app = new Hono();
    app.get("/plain", (c) => assetResponse(c, plainName));
    app.get("/hashed", (c) => assetResponse(c, hashed));
    const gz = await app.request("/plain", { headers: { "accept-encoding": "gzip, deflate" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gz.headers.get("cache-control")).toBe("no-cache");
    expect(gunzipSync(new Uint8Array(await gz.arrayBuffer()))).toEqual(body);
    const plain = await app.request("/plain");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(new Uint8Array(await plain.arrayBuffer())).toEqual(body);
    const etag = plain.headers.get("etag")!;
    expect((await app.request("/plain", { headers: { "if-none-match": `"other", ${etag}` } })).status).toBe(304);
    expect((await app.request("/hashed")).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  test("the official viewer's page derives the relay URL from its own host and accepts ?url=", () => {
    const page = rerunPage(4321);
    expect(page).toContain('get("url") ?? scheme + "://" + location.hostname + ":4321"');
    expect(page).not.toContain("localhost");
  });
});
