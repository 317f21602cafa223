/**
 * Chromium driven over a bare DevTools protocol connection, for the memory figures: Playwright
 * enables the Network domain on every page, and DevTools then keeps the bodies of recent responses
 * (up to 200 MB by default) inside the renderer, which would be counted as the viewer's memory.
 * Here only Page, Runtime, Input, Emulation and Performance are used.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_PATH, FLAGS } from "../../../tests/interop/browser.ts";
import { instrumentSource } from "./browser.ts";

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class RawChromium {
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly proc: ChildProcess, private readonly ws: WebSocket, private readonly dir: string) {
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const p = m.id === undefined ? undefined : this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id!);
      if (m.error) p.reject(new Error(m.error.message));
      else p.resolve(m.result);
    };
  }

  /** Starts chromium (same flags as the Playwright runs) with a fresh profile. */
  static async launch(): Promise<RawChromium> {
    const dir = mkdtempSync(join(tmpdir(), "rerun-bench-chromium-"));
    const proc = spawn(CHROMIUM_PATH, [...FLAGS, "--remote-debugging-port=0", `--user-data-dir=${dir}`, "about:blank"], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    const deadline = Date.now() + 30_000;
    let url: string | undefined;
    while (!(url = /DevTools listening on (ws:\/\/\S+)/.exec(err)?.[1])) {
      if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`chromium did not start:\n${err}`);
      await Bun.sleep(20);
    }
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => ((ws.onopen = () => resolve()), (ws.onerror = () => reject(new Error("DevTools connection failed")))));
    return new RawChromium(proc, ws, dir);
  }

  /** One DevTools command (on a page when `sessionId` is given). */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    const id = this.next++;
    this.ws.send(JSON.stringify({ id, method, params, sessionId }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  /** A new tab of `width`×`height` CSS pixels with the benchmark instrumentation, navigated to `url`; returns its session. */
  async open(url: string, width: number, height: number): Promise<RawPage> {
    const { targetId } = await this.send<{ targetId: string }>("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await this.send<{ sessionId: string }>("Target.attachToTarget", { targetId, flatten: true });
    const page = new RawPage(this, sessionId);
    await page.send("Page.enable");
    await page.send("Performance.enable");
    await page.send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false });
    await page.send("Page.addScriptToEvaluateOnNewDocument", { source: instrumentSource() });
    await page.send("Page.navigate", { url });
    return page;
  }

  async close(): Promise<void> {
    const exited = new Promise((r) => this.proc.once("exit", r));
    await this.send("Browser.close").catch(() => this.proc.kill());
    this.ws.close();
    await exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class RawPage {
  constructor(private readonly browser: RawChromium, readonly sessionId: string) {}

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    return this.browser.send<T>(method, params, this.sessionId);
  }

  /** The value of `expression` (awaited if it is a promise). */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.send<{ result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  }

  /** A trusted key press (keyDown + keyUp) of ← (or another key with its Windows key code). */
  async press(key = "ArrowLeft", code = 37): Promise<void> {
    await this.send("Input.dispatchKeyEvent", { type: "rawKeyDown", key, code: key, windowsVirtualKeyCode: code });
    await this.send("Input.dispatchKeyEvent", { type: "keyUp", key, code: key, windowsVirtualKeyCode: code });
  }
}
