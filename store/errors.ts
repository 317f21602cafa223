/** A decode failure that names where in the input it happened. */
export class RrdError extends Error {
  constructor(
    message: string,
    /** Byte offset in the whole input where the problem was found, when known. */
    readonly offset: number | null = null,
  ) {
    super(offset === null ? message : `${message} (at byte ${offset})`);
    this.name = "RrdError";
  }
}
