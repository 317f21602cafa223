import { chromium, type Browser, type BrowserContext } from "playwright-core";

/** Debian's real chromium binary (the /usr/bin/chromium wrapper adds flags of its own). */
export const CHROMIUM_PATH = "/usr/lib/chromium/chromium";

/** Headless, no sandbox, SwiftShader WebGL, no network chatter (interop-testing.md). */
export const FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--enable-unsafe-swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--disable-features=NetworkTimeServiceQuerying",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
];

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Launches headless Debian chromium; Playwright gives it a fresh temp --user-data-dir, deleted on close. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
}

/** A fresh browser context (own storage) that aborts every request not aimed at loopback. */
export async function loopbackContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.route("**/*", (route) => {
    const { protocol, hostname } = new URL(route.request().url());
    const local = protocol === "data:" || protocol === "blob:" || LOOPBACK_HOSTS.has(hostname);
    return local ? route.continue() : route.abort("blockedbyclient");
  });
  return context;
}
