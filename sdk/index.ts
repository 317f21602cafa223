/**
 * `@rerun-ts/sdk` for Bun, Deno and Node ≥ 20: Rerun 0.22's logging SDK, shaped like its Python SDK.
 *
 *   import * as rr from "@rerun-ts/sdk";
 *   rr.init("my_app", { spawn: true });
 *   rr.log("points", new rr.Points3D([[0, 0, 0], [1, 1, 1]], { colors: [255, 0, 0] }));
 */
import "./node/install.ts";

export * from "./api.ts";
