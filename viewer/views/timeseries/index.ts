/** Registers the time-series view type: one view for all Scalar entities. */
import { registerView } from "../registry.ts";
import { createTimeSeriesView } from "./view.ts";

registerView({
  kind: "timeseries",
  label: "Time series",
  archetypes: ["Scalar", "SeriesLine", "SeriesPoint"],
  spawn(catalog) {
    const entities = catalog.withAny(["Scalar"]).map((e) => e.path);
    return entities.length ? [{ title: "Time series", origin: "/", entities }] : [];
  },
  create: createTimeSeriesView,
});
