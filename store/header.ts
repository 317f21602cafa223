/** The 12-byte RRD stream header (spec §2.1). */
import { RrdError } from "./errors.ts";
import { type CrateVersion, LOCAL_VERSION, readVersion, versionBytes } from "./version.ts";

export type Compression = "off" | "lz4";
export type Serializer = "msgpack" | "protobuf";

export interface StreamHeader {
  version: CrateVersion;
  compression: Compression;
  serializer: Serializer;
}

export const HEADER_SIZE = 12;
const MAGIC = [0x52, 0x52, 0x46, 0x32]; // "RRF2"

/** True when `b[offset..]` begins with an RRD magic (current or old). */
export function startsWithMagic(b: Uint8Array, offset: number): boolean {
  return b[offset] === 0x52 && b[offset + 1] === 0x52 && b[offset + 2] === 0x46 && (b[offset + 3]! >= 0x30 && b[offset + 3]! <= 0x32);
}

/** Parses a stream header; `at` is the header's offset in the whole input, for error messages. */
export function readHeader(b: Uint8Array, offset: number, at: number): StreamHeader {
  if (b.length - offset < HEADER_SIZE) throw new RrdError("Not an .rrd file: shorter than the 12-byte stream header", at);
  if (b[offset] === 0x52 && b[offset + 1] === 0x52 && b[offset + 2] === 0x46 && (b[offset + 3] === 0x30 || b[offset + 3] === 0x31)) {
    throw new RrdError("Data was from an old, incompatible Rerun version (RRF0/RRF1 magic)", at);
  }
  for (let i = 0; i < 4; i++) if (b[offset + i] !== MAGIC[i]) throw new RrdError("Not an .rrd file (no RRF2 magic)", at);
  const c = b[offset + 8]!, s = b[offset + 9]!;
  if (c > 1) throw new RrdError(`Failed to decode the options: Unknown compression: ${c}`, at + 8);
  if (s !== 1 && s !== 2) throw new RrdError(`Failed to decode the options: Unknown serializer: ${s}`, at + 9);
  if (b[offset + 10] !== 0 || b[offset + 11] !== 0) throw new RrdError("Failed to decode the options: Reserved bytes not zero", at + 10);
  return { version: readVersion(b, offset + 4), compression: c === 1 ? "lz4" : "off", serializer: s === 1 ? "msgpack" : "protobuf" };
}

/** Writes a MsgPack stream header for our local version. */
export function headerBytes(compression: Compression, version: CrateVersion = LOCAL_VERSION): Uint8Array {
  const h = new Uint8Array(HEADER_SIZE);
  h.set(MAGIC, 0);
  h.set(versionBytes(version), 4);
  h[8] = compression === "lz4" ? 1 : 0;
  h[9] = 1;
  return h;
}
