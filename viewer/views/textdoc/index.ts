/** Registers the text-document view type: one view per TextDocument entity. */
import { registerView } from "../registry.ts";
import { createTextDocView } from "./view.ts";

registerView({
  kind: "textdoc",
  label: "Text document",
  archetypes: ["TextDocument"],
  spawn: (catalog) => catalog.withAny(["TextDocument"]).map((e) => ({ title: e.path, origin: e.path, entities: [e.path] })),
  create: createTextDocView,
});
