/**
 * Global shortcuts (ignored while typing in a field): Space play/pause, ←/→ step, Home/End jump,
 * L loop, F follow, Escape un-maximise or clear the selection.
 */
import { jump, step, togglePlay } from "../state/playback.ts";
import { get, set } from "../state/store.ts";

/** Installs the shortcuts on the document. */
export function installKeyboard(): void {
  document.addEventListener("keydown", (ev) => {
    const t = ev.target as HTMLElement;
    if (t.closest("input, textarea, select") || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const key = ev.key;
    if (key === " " && !(t instanceof HTMLButtonElement)) togglePlay();
    else if (key === "ArrowRight") step(1);
    else if (key === "ArrowLeft") step(-1);
    else if (key === "Home") jump("start");
    else if (key === "End") jump("end");
    else if (key === "l" || key === "L") set({ loop: !get().loop });
    else if (key === "f" || key === "F") (get().follow ? set({ follow: false }) : jump("end"));
    else if (key === "Escape") set(get().maximized ? { maximized: null } : { selection: null });
    else return;
    ev.preventDefault();
  });
}
