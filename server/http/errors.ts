/** API errors: an HTTP status and one line naming what was wrong, answered as `{ "error": … }`. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An error answered as JSON with its status. */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(readonly status: ContentfulStatusCode, message: string) {
    super(message);
  }
}

/** The one-line JSON error answer. */
export function errorJson(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json({ error: message.split("\n")[0] }, status);
}
