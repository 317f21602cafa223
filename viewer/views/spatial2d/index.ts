/** Registers the 2D view type. */
import { registerView } from "../registry.ts";
import { spawn2d } from "./heuristic.ts";
import { create2dView } from "./view.ts";
import { VISUALIZERS_2D } from "./visualizers.ts";

registerView({
  kind: "spatial2d",
  label: "2D",
  archetypes: VISUALIZERS_2D.map((v) => v.archetype),
  spawn: spawn2d,
  create: create2dView,
});
