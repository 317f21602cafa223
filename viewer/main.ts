/** The viewer's entry point: builds the page, connects to our server and loads the recordings. */
import { startPlayback } from "./state/playback.ts";
import { background, loadRecordings, startLive } from "./state/sync.ts";
import { mountEntityTree } from "./ui/entity-tree.ts";
import { installKeyboard } from "./ui/keyboard.ts";
import { panelSplitter } from "./ui/panels.ts";
import { mountRecordings } from "./ui/recordings.ts";
import { mountSelection } from "./ui/selection.ts";
import { mountTimePanel } from "./ui/time-panel.ts";
import { mountTopBar } from "./ui/topbar.ts";
import { mountViewport } from "./ui/viewport.ts";
import "./views/all.ts";

const $ = (id: string) => document.getElementById(id)!;

function main(): void {
  const app = $("app");
  mountTopBar($("topbar"));
  mountRecordings($("recordings"));
  mountEntityTree($("entities"));
  mountViewport($("viewport"));
  mountSelection($("selection"));
  mountTimePanel($("timepanel"));
  panelSplitter(app, $("split-left"), "--left-width", "x", 1, 160, 600);
  panelSplitter(app, $("split-right"), "--right-width", "x", -1, 180, 700);
  panelSplitter(app, $("split-bottom"), "--time-height", "y", -1, 90, 600);
  installKeyboard();
  startPlayback();
  startLive();
  background(loadRecordings(new URL(location.href).searchParams.get("recording")));
}

main();
