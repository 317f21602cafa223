/** Registers the text-log view type: one view for all TextLog entities. */
import { registerView } from "../registry.ts";
import { createTextLogView } from "./view.ts";

registerView({
  kind: "textlog",
  label: "Text log",
  archetypes: ["TextLog"],
  spawn(catalog) {
    const entities = catalog.withAny(["TextLog"]).map((e) => e.path);
    return entities.length ? [{ title: "Text log", origin: "/", entities }] : [];
  },
  create: createTextLogView,
});
