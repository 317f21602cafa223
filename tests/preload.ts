/** Runs before the test files: compiles the `rerun` binary once, outside any test's timeout. */
import { rerunBinary } from "./binary.ts";

rerunBinary();
