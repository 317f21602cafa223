/** Validation of Arrow offsets read from untrusted input. */

/** Returns `o` after checking its `length + 1` offsets are non-decreasing, ≥ 0 and ≤ `limit`; throws naming column `name`. */
export function checkOffsets<T extends Int32Array | BigInt64Array>(name: string, o: T, length: number, limit: number): T {
  let prev = 0;
  for (let i = 0; i <= length; i++) {
    const v = Number(o[i]!);
    if (!(v >= prev)) throw new Error(`Column '${name}' has negative or decreasing offsets`);
    prev = v;
  }
  if (prev > limit) throw new Error(`Offsets of '${name}' end at ${prev}, beyond the ${limit} available`);
  return o;
}
