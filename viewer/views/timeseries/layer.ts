/**
 * The plot without its time cursor, kept in an offscreen canvas: when only the cursor moves
 * (scrubbing, playing) the view copies it instead of drawing every series again.
 */
import type { Frame } from "./axes.ts";

export class PlotLayer {
  private readonly canvas = document.createElement("canvas");
  private key = "";
  private data: unknown = null;
  private frame: Frame | null = null;

  /**
   * Copies the plot onto `ctx` (`width`×`height` device pixels), first painting it anew with
   * `paint` unless `key` (what the plot depends on) and `data` (compared by identity) are those of
   * the last paint; returns the plot's frame.
   */
  draw(ctx: CanvasRenderingContext2D, width: number, height: number, key: string, data: unknown, paint: (ctx: CanvasRenderingContext2D) => Frame): Frame {
    const c = this.canvas;
    if (!this.frame || key !== this.key || data !== this.data || c.width !== width || c.height !== height) {
      if (c.width !== width || c.height !== height) (c.width = width), (c.height = height);
      this.frame = paint(c.getContext("2d")!);
      this.key = key;
      this.data = data;
    }
    ctx.drawImage(c, 0, 0);
    return this.frame;
  }
}
