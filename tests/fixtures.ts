/** Paths to the real Rerun recordings in ../shared/fixtures/rrd (never copied into the project). */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURE_DIR = fileURLToPath(new URL("../../shared/fixtures/rrd/", import.meta.url));

/** Every fixture file name (.rrd and .rbl). */
export const FIXTURES = readdirSync(FIXTURE_DIR).filter((f) => /\.(rrd|rbl)$/.test(f)).sort();

/** MsgPack-era fixtures we read completely (Rerun 0.17–0.22). */
export const READABLE = FIXTURES.filter((f) => /^v0\.(1[7-9]|2[0-2])\./.test(f));

/** Fixtures we must refuse with one clear line (older than 0.17, or protobuf ≥ 0.23). */
export const REFUSED = FIXTURES.filter((f) => !READABLE.includes(f));

/** The bytes of a fixture. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURE_DIR + name));
}

export const POINTS_022 = "v0.22.1_rnl_multi-env-training-points3d.rrd";
