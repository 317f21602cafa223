/** Redraw scheduling for canvases: at most one draw per animation frame, and a redraw when the element resizes. */

/** Coalesces `invalidate` calls into one `draw` at the next animation frame; `cancel` drops a pending one. */
export function frameDrawer(draw: () => void): { invalidate(): void; cancel(): void } {
  let frame = 0;
  const tick = () => {
    frame = 0;
    draw();
  };
  return {
    invalidate: () => void (frame ||= requestAnimationFrame(tick)),
    cancel: () => cancelAnimationFrame(frame),
  };
}

/** Calls `fn` whenever `el` changes size; returns the function that stops watching. */
export function onResize(el: Element, fn: () => void): () => void {
  const observer = new ResizeObserver(fn);
  observer.observe(el);
  return () => observer.disconnect();
}
