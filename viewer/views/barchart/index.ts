/** Registers the bar-chart view type: one view per BarChart entity. */
import { registerView } from "../registry.ts";
import { createBarChartView } from "./view.ts";

registerView({
  kind: "barchart",
  label: "Bar chart",
  archetypes: ["BarChart"],
  spawn: (catalog) => catalog.withAny(["BarChart"]).map((e) => ({ title: e.path, origin: e.path, entities: [e.path] })),
  create: createBarChartView,
});
