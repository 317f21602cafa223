/** Registers the dataframe view type (opened on demand from the selection panel, never spawned). */
import { registerView } from "../registry.ts";
import { createDataframeView } from "./view.ts";

registerView({
  kind: "dataframe",
  label: "Dataframe",
  archetypes: [],
  spawn: () => [],
  create: createDataframeView,
});
