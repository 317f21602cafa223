/**
 * The registry of benchmark scenarios, in table order. Scenarios that need parts still being written
 * (TCP ingest into the chunk store, queries, the web viewer's stream) are added here as a `Scenario`
 * each, in their own file, when those parts land.
 */
import { b1 } from "./b1.ts";
import { b11 } from "./b11.ts";
import { b12 } from "./b12.ts";
import { b13 } from "./b13.ts";
import { b2 } from "./b2.ts";
import { b3 } from "./b3.ts";
import { b4 } from "./b4.ts";
import { b5 } from "./b5.ts";
import { b6 } from "./b6.ts";
import { b7 } from "./b7.ts";
import { b8 } from "./b8.ts";
import { b9 } from "./b9.ts";
import { b10 } from "./relay.ts";
import { b20 } from "./sdk.ts";
import { b21, b22 } from "./viewer.ts";
import type { Scenario } from "./scenario.ts";

/** Every scenario the runner knows. */
export const SCENARIOS: Scenario[] = [b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b20, b21, b22];
