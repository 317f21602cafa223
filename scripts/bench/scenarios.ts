/**
 * The registry of benchmark scenarios, in table order. Scenarios that need parts still being written
 * (TCP ingest into the chunk store, queries, the web viewer's stream) are added here as a `Scenario`
 * each, in their own file, when those parts land.
 */
import { b1 } from "./b1.ts";
import { b13 } from "./b13.ts";
import { b3 } from "./b3.ts";
import { b6 } from "./b6.ts";
import { b7 } from "./b7.ts";
import { b10 } from "./relay.ts";
import { b20 } from "./sdk.ts";
import { b21, b22 } from "./viewer.ts";
import type { Scenario } from "./scenario.ts";

/** Every scenario the runner knows. */
export const SCENARIOS: Scenario[] = [b1, b3, b6, b7, b10, b13, b20, b21, b22];
