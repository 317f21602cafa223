/** The SDK handshake (spec §1.2): u16 LE protocol version, then "rerun" unless the version is 0. */

/** The protocol version of pre-0.16 clients: no header follows. */
export const PROTOCOL_VERSION_0 = 0;
/** The version every 0.16+ SDK sends, and the one this server speaks. */
export const PROTOCOL_VERSION_1 = 1;
/** The 5-byte header that follows a non-zero version. */
export const PROTOCOL_HEADER = "rerun";

export const OLD_CLIENT_WARNING = "Client is using an old protocol version from before 0.16.";
export const UNKNOWN_CLIENT = "An unknown client tried to connect";

/** True when the 5 header bytes spell "rerun". */
export function isRerunHeader(bytes: Uint8Array): boolean {
  return bytes.length === PROTOCOL_HEADER.length && [...PROTOCOL_HEADER].every((ch, i) => bytes[i] === ch.charCodeAt(0));
}

/** The error text for a client whose protocol version differs from ours, or null when they match. */
export function versionMismatch(client: number): string | null {
  if (client === PROTOCOL_VERSION_1) return null;
  const which = client < PROTOCOL_VERSION_1 ? "an older" : "a newer";
  return `SDK client is using ${which} protocol version (${client}) than the SDK server (${PROTOCOL_VERSION_1})`;
}
