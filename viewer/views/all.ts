/** Every view type; importing a module registers it (add a line here for a new view type). */
import "./spatial3d/index.ts";
import "./spatial2d/index.ts";
import "./timeseries/index.ts";
import "./textlog/index.ts";
import "./textdoc/index.ts";
import "./barchart/index.ts";
import "./tensor/index.ts";
import "./dataframe/index.ts";
