/** Resizable side and bottom panels: dragging a panel splitter sets its CSS size variable. */

/** Makes `handle` resize the CSS variable `name` on `root` (px), along x or y, `sign` = growth direction. */
export function panelSplitter(root: HTMLElement, handle: HTMLElement, name: string, axis: "x" | "y", sign: 1 | -1, min: number, max: number): void {
  handle.addEventListener("pointerdown", (ev) => {
    handle.setPointerCapture(ev.pointerId);
    const start = axis === "x" ? ev.clientX : ev.clientY;
    const size = parseFloat(getComputedStyle(root).getPropertyValue(name)) || 0;
    const onMove = (e: PointerEvent) => {
      const d = ((axis === "x" ? e.clientX : e.clientY) - start) * sign;
      root.style.setProperty(name, `${Math.max(min, Math.min(max, size + d))}px`);
    };
    handle.addEventListener("pointermove", onMove);
    handle.addEventListener("pointerup", () => handle.removeEventListener("pointermove", onMove), { once: true });
  });
}
