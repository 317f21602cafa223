/** What the 3D visualizers produce and how the view asks them for picks and labels. */
import type { Box3, Camera, Matrix4, Object3D, Raycaster, Vector3 } from "three";
import type { EntityRow } from "../../data/cells.ts";
import type { Contexts } from "../shared/appearance.ts";

/** Everything a visualizer may need besides its entity's row. */
export interface DrawEnv {
  contexts: Contexts;
  /** Every row of the view (e.g. a camera image reads its parent's Pinhole). */
  rows: ReadonlyMap<string, EntityRow>;
  /** Asks for another frame (e.g. an image finished decoding). */
  invalidate(): void;
  /** Draws the scene again from the same rows (e.g. a model finished loading and has bounds now). */
  rebuild(): void;
  /** The entity's pose in the view. */
  world: Matrix4;
  /** The size of the scene so far (for default sizes such as frustum depth). */
  sceneSize: number;
}

/** A pointer position for picking. */
export interface PickQuery {
  raycaster: Raycaster;
  camera: Camera;
  /** Pointer in CSS pixels within the canvas, and the canvas size. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A text label anchored at a world position. */
export interface Label {
  x: number;
  y: number;
  z: number;
  text: string;
  color: string;
}

/** Something added to the scene for a while (e.g. a selection highlight), and how to free it. */
export interface Overlay {
  object: Object3D;
  dispose(): void;
}

/** One entity drawn by one visualizer. */
export interface Drawn {
  object: Object3D;
  /** World-space bounds, for the default camera. */
  bounds: Box3;
  labels: Label[];
  /** The instance under the pointer and its distance from the camera, if any. */
  pick(q: PickQuery): { instance: number; distance: number } | null;
  /** Where instance `i` is, for the selection ring (world position and radius, negative = UI points). */
  anchor?(i: number): { position: Vector3; radius: number } | null;
  /** An overlay marking instance `instance` (null = all) as selected or hovered, in `color` (sRGB 0–1), for shapes without rings. */
  highlight?(instance: number | null, color: [number, number, number]): Overlay | null;
  /** Called once per frame before rendering (e.g. to update pixel sizes). */
  beforeRender?(camera: Camera, heightPx: number): void;
  dispose(): void;
}

/** Draws one archetype. */
export interface Visualizer3D {
  archetype: string;
  /** Components it reads (the view queries only these). */
  components: readonly string[];
  draw(row: EntityRow, env: DrawEnv): Drawn | null;
}
