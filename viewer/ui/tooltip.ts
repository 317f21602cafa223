/** The one hover tooltip: plain-text lines next to the mouse. */
import { h, replaceChildren } from "./dom.ts";

let el: HTMLElement | null = null;

/** Shows `lines` near the client position (x, y). */
export function showTooltip(x: number, y: number, lines: string[]): void {
  el ??= document.body.appendChild(h("div", { class: "tooltip", role: "tooltip" }));
  replaceChildren(el, ...lines.flatMap((l, i) => [i ? document.createElement("br") : null, l]));
  el.style.display = "block";
  const r = el.getBoundingClientRect();
  el.style.left = `${Math.min(x + 14, window.innerWidth - r.width - 4)}px`;
  el.style.top = `${Math.min(y + 14, window.innerHeight - r.height - 4)}px`;
}

/** Hides the tooltip. */
export function hideTooltip(): void {
  if (el) el.style.display = "none";
}
