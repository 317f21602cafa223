/** Runs before the test files: compiles the `rerun` binary once and runs it once, outside any test's timeout. */
import { spawnSync } from "node:child_process";
import { rerunBinary } from "./binary.ts";

// The first start of a fresh 100 MB executable pages it in; on a busy machine that took seconds.
spawnSync(rerunBinary(), ["--version"], { stdio: "ignore" });
