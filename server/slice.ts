/** Longest stretch of work (consuming, decoding, encoding) before yielding, so sockets and timers keep being served. */
export const SLICE_MS = 8;
