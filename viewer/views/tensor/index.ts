/** Registers the tensor view type: one view per Tensor entity. */
import { registerView } from "../registry.ts";
import { createTensorView } from "./view.ts";

registerView({
  kind: "tensor",
  label: "Tensor",
  archetypes: ["Tensor"],
  spawn: (catalog) => catalog.withAny(["Tensor"]).map((e) => ({ title: e.path, origin: e.path, entities: [e.path] })),
  create: createTensorView,
});
