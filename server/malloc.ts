/**
 * Keeps freed memory for reuse instead of handing it back to the OS at once. Under Bun, ArrayBuffers and
 * most of the heap come from mimalloc, which by default returns freed pages to the kernel within
 * milliseconds; every tiny message then writes into fresh pages, and each first write is a page fault
 * (~1.5 faults and ~2.5 µs of kernel time per tiny message, docs/PERFORMANCE.md). mimalloc reads its
 * options only when the process starts, so the process replaces itself once with
 * `MIMALLOC_PURGE_DELAY=-1` set (same PID, stdio, arguments and runtime flags). A value the user set is kept.
 */
const BUN_COMPILED = "/$bunfs/";

if ("Bun" in globalThis && process.env.MIMALLOC_PURGE_DELAY === undefined && typeof process.execve === "function") {
  // A compiled binary's argv[1] is its embedded entry point, which it must not be given again.
  const args = process.argv[1]?.startsWith(BUN_COMPILED) ? process.argv.slice(2) : process.argv.slice(1);
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...args], { ...process.env, MIMALLOC_PURGE_DELAY: "-1" });
}
