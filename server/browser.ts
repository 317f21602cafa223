/** `--web-viewer`: opens the default browser on the viewer, or just prints its URL where there is no display. */
import { spawn } from "node:child_process";
import type { LogFn } from "./log.ts";

/** The command that opens a URL on `platform`. */
function opener(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === "darwin") return ["open", [url]];
  if (platform === "win32") return ["cmd", ["/c", "start", "", url]];
  return ["xdg-open", [url]];
}

/** Opens `url` in the default browser; without a display (Linux: no $DISPLAY/$WAYLAND_DISPLAY) prints it instead. */
export function openBrowser(url: string, log: LogFn, env = process.env, platform = process.platform): void {
  const headless = platform !== "darwin" && platform !== "win32" && !env.DISPLAY && !env.WAYLAND_DISPLAY;
  if (headless) {
    log("info", `rerun: no display to open a browser on; open ${url} in a browser`);
    return;
  }
  const [cmd, args] = opener(platform, url);
  const child = spawn(cmd, args, { detached: true, stdio: "ignore", env });
  child.on("error", (e) => log("warn", `could not open a browser (${cmd}: ${e.message}); open ${url} in a browser`));
  child.unref();
  log("info", `rerun: opening ${url} in your browser`);
}
