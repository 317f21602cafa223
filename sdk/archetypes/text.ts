/** TextLog (log lines with a level) and TextDocument (plain text or Markdown), with Python's level and media-type names. */
import { archetypeClass, type FieldValues } from "../archetype.ts";
import * as C from "../components/index.ts";
import type { ColorLike } from "../convert/colors.ts";

const TEXT_LOG = {
  text: [C.Text, "required"],
  level: [C.TextLogLevel, "recommended"],
  color: [C.Color, "optional"],
} as const;

const DOCUMENT = {
  text: [C.Text, "required"],
  mediaType: [C.MediaType, "optional"],
} as const;

/** The fields of TextLog. */
export type TextLogFields = FieldValues<typeof TEXT_LOG>;
/** The fields of TextDocument. */
export type TextDocumentFields = FieldValues<typeof DOCUMENT>;

/** The conventional log levels (`rr.TextLogLevel.INFO` …); any text is allowed. */
export const TextLogLevel = { CRITICAL: "CRITICAL", ERROR: "ERROR", WARN: "WARN", INFO: "INFO", DEBUG: "DEBUG", TRACE: "TRACE" } as const;

/** Well-known media types (`rr.MediaType.MARKDOWN` …). */
export const MediaType = {
  TEXT: "text/plain", MARKDOWN: "text/markdown", JPEG: "image/jpeg", PNG: "image/png", GLB: "model/gltf-binary",
  GLTF: "model/gltf+json", OBJ: "model/obj", STL: "model/stl", MP4: "video/mp4",
} as const;

/** A log line: `new TextLog("connected", { level: TextLogLevel.INFO })`. */
export class TextLog extends archetypeClass("TextLog", TEXT_LOG) {
  constructor(text: string, opts: { level?: string; color?: ColorLike } = {}) {
    super({ text, level: opts.level, color: opts.color });
  }
}

/** A text document: `new TextDocument("# Title", { mediaType: MediaType.MARKDOWN })`. */
export class TextDocument extends archetypeClass("TextDocument", DOCUMENT) {
  constructor(text: string, opts: { mediaType?: string } = {}) {
    super({ text, mediaType: opts.mediaType });
  }
}
