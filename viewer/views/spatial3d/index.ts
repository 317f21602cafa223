/** Registers the 3D view type. */
import { registerView } from "../registry.ts";
import { spawn3d } from "./heuristic.ts";
import { create3dView } from "./view.ts";
import { VISUALIZERS_3D } from "./visualizers.ts";

registerView({
  kind: "spatial3d",
  label: "3D",
  archetypes: VISUALIZERS_3D.map((v) => v.archetype),
  spawn: spawn3d,
  create: create3dView,
});
