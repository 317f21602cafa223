/** What the 2D visualizers produce: layers drawn in scene units, in draw order. */
import type { EntityRow } from "../../data/cells.ts";
import type { Contexts } from "../shared/appearance.ts";

/** Shared inputs of the 2D visualizers. */
export interface Env2D {
  contexts: Contexts;
  /** Asks for a redraw (e.g. an image finished decoding). */
  invalidate(): void;
}

/** One entity drawn by one visualizer. */
export interface Layer2D {
  drawOrder: number;
  /** Scene-space bounds [x0, y0, x1, y1], for the default zoom. */
  bounds: [number, number, number, number] | null;
  /** Draws with `ctx` already mapping scene units to pixels; `px` = device pixels per scene unit. */
  draw(ctx: CanvasRenderingContext2D, px: number, selected: (instance: number) => boolean): void;
  /** The instance at scene point (x, y), with its distance in device pixels. */
  pick(x: number, y: number, px: number): { instance: number; d: number } | null;
  /** Extra hover lines at (x, y), e.g. a pixel value. */
  describe?(x: number, y: number): string[] | null;
}

/** Draws one archetype in 2D. */
export interface Visualizer2D {
  archetype: string;
  components: readonly string[];
  build(row: EntityRow, env: Env2D): Layer2D | null;
}
