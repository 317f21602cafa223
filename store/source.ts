/** How Rerun displays where a store came from. */
import type { StoreSource } from "./logmsg.ts";

/** A store source as Rerun displays it, e.g. `Python 3.10.16` or `"viewer"`. */
export function formatSource(s: StoreSource): string {
  switch (s.kind) {
    case "PythonSdk":
      return `Python ${s.major}.${s.minor}.${s.patch}${s.suffix}`;
    case "RustSdk":
      return `Rust SDK (rustc ${s.rustcVersion}, LLVM ${s.llvmVersion})`;
    case "File":
      return `File (${s.fileSource})`;
    case "Other":
      return JSON.stringify(s.name);
    case "CSdk":
      return "C SDK";
    default:
      return s.kind;
  }
}
