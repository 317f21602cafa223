/** Human-readable formatting shared by the CLI tools. */

/** Bytes in Rerun's style: `512 B`, `1.2 KiB`, `3.4 MiB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024, u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/** A component name without its `rerun.components.` / `rerun.blueprint.components.` prefix. */
export function shortName(component: string): string {
  return component.replace(/^rerun\.(blueprint\.)?components\./, "");
}
