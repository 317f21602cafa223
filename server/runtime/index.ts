/** Picks the runtime adapter for the runtime we run on; the other one is never loaded. */
import type { Runtime } from "./types.ts";

/** The adapter for Deno when running under Deno, else Bun's. */
export async function runtime(): Promise<Runtime> {
  if ("Deno" in globalThis) return (await import("./deno.ts")).deno;
  return (await import("./bun.ts")).bun;
}
