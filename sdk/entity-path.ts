/**
 * Entity paths as Rerun 0.22 writes them (spec §4.2.1): "/a/b" with each part escaped. Strings are
 * parsed forgivingly like the Python SDK ("world/points", "/world//points/" → "/world/points");
 * an array of parts is taken literally (each part escaped).
 */

/** A path text ("world/points") or its parts (["world", "my points"]). */
export type EntityPathLike = string | readonly string[];

const cache = new Map<string, string>();

/** The canonical, escaped form of an entity path. */
export function entityPath(p: EntityPathLike): string {
  if (typeof p !== "string") return format(p);
  let out = cache.get(p);
  if (out === undefined) {
    out = format(parse(p));
    if (cache.size < 10_000) cache.set(p, out);
  }
  return out;
}

/** The unescaped parts of a path text; `\x` escapes, `\n` `\r` `\t` and `\u{…}` are understood. */
export function parse(text: string): string[] {
  const parts: string[] = [];
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "/") {
      if (cur !== "") parts.push(cur);
      cur = "";
    } else if (ch === "\\" && i + 1 < text.length) {
      const next = text[++i]!;
      const uni = next === "u" ? /^\{([0-9a-fA-F]{1,6})\}/.exec(text.slice(i + 1)) : null;
      if (uni) {
        cur += String.fromCodePoint(parseInt(uni[1]!, 16));
        i += uni[0].length;
      } else cur += ({ n: "\n", r: "\r", t: "\t" } as Record<string, string>)[next] ?? next;
    } else cur += ch;
  }
  if (cur !== "") parts.push(cur);
  return parts;
}

/** "/" + the escaped parts joined by "/". */
export function format(parts: readonly string[]): string {
  return `/${parts.map(escapePart).join("/")}`;
}

const CONTROL: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapePart(part: string): string {
  let out = "";
  for (const ch of part) {
    if (/^[\p{L}\p{N}_\-.]$/u.test(ch)) out += ch;
    else if (CONTROL[ch]) out += CONTROL[ch];
    else if (/^[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]$/.test(ch)) out += `\\${ch}`;
    else out += `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}}`;
  }
  return out;
}
