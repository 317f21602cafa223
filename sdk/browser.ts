/** `@rerun-ts/sdk` in browsers and web workers: the whole API, with `binaryStream()` as the only sink. */
export * from "./api.ts";
