/** Rerun's `CrateVersion`: the 4 version bytes of a stream header (spec §2.2). */

export interface CrateVersion {
  major: number;
  minor: number;
  patch: number;
  meta: { kind: "release" } | { kind: "rc" | "alpha" | "alpha+dev"; n: number };
}

/** The Rerun version whose formats we speak. */
export const RERUN_VERSION = "0.22.1";

/** Our local version, as written in every stream header we produce. */
export const LOCAL_VERSION: CrateVersion = { major: 0, minor: 22, patch: 1, meta: { kind: "release" } };

const TAGS = ["release", "rc", "alpha", "alpha+dev"] as const;

/** Decodes the 4 version bytes at `offset`. All-zero bytes mean 0.2.0 (files before 2023-02-27). */
export function readVersion(b: Uint8Array, offset: number): CrateVersion {
  const [major, minor, patch, m] = [b[offset]!, b[offset + 1]!, b[offset + 2]!, b[offset + 3]!];
  if (major === 0 && minor === 0 && patch === 0 && m === 0) return { major: 0, minor: 2, patch: 0, meta: { kind: "release" } };
  const tag = TAGS[m >> 6]!;
  return { major, minor, patch, meta: tag === "release" ? { kind: "release" } : { kind: tag, n: m & 0x3f } };
}

/** Encodes a version into 4 bytes. */
export function versionBytes(v: CrateVersion): Uint8Array {
  const meta = v.meta.kind === "release" ? 0 : (TAGS.indexOf(v.meta.kind) << 6) | v.meta.n;
  return new Uint8Array([v.major, v.minor, v.patch, meta]);
}

/** Rerun's text form, e.g. `0.12.0-alpha.1+dev`. */
export function formatVersion(v: CrateVersion): string {
  const base = `${v.major}.${v.minor}.${v.patch}`;
  switch (v.meta.kind) {
    case "release":
      return base;
    case "rc":
      return `${base}-rc.${v.meta.n}`;
    case "alpha":
      return `${base}-alpha.${v.meta.n}`;
    case "alpha+dev":
      return `${base}-alpha.${v.meta.n}+dev`;
  }
}

/** Rerun's `is_compatible_with`: same meta (rc ~ release), same 0.minor (or same major ≥ 1). */
export function isCompatible(a: CrateVersion, b: CrateVersion): boolean {
  const relaxed = (k: string) => (k === "rc" ? "release" : k);
  const metaA = a.meta.kind === "release" || a.meta.kind === "rc" ? relaxed(a.meta.kind) : `${a.meta.kind}.${a.meta.n}`;
  const metaB = b.meta.kind === "release" || b.meta.kind === "rc" ? relaxed(b.meta.kind) : `${b.meta.kind}.${b.meta.n}`;
  if (metaA !== metaB) return false;
  return a.major === 0 ? b.major === 0 && a.minor === b.minor : a.major === b.major;
}

/** Orders versions by major.minor.patch only. */
export function compareVersions(a: CrateVersion, b: CrateVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}
