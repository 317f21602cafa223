/**
 * A minimal Arrow columnar model: just what Rerun chunks need, with buffers kept as
 * typed-array views over the IPC body (no per-value objects).
 */

export type TimeUnit = "s" | "ms" | "us" | "ns";

/** Arrow logical types used by Rerun 0.22 chunks (plus the few neighbours a reader may meet). */
export type DataType =
  | { kind: "null" }
  | { kind: "bool" }
  | { kind: "int"; bits: 8 | 16 | 32 | 64; signed: boolean }
  | { kind: "float"; bits: 16 | 32 | 64 }
  | { kind: "utf8" }
  | { kind: "binary" }
  | { kind: "large_utf8" }
  | { kind: "large_binary" }
  | { kind: "fixed_size_binary"; size: number }
  | { kind: "timestamp"; unit: TimeUnit; tz: string | null }
  | { kind: "list"; child: Field }
  | { kind: "large_list"; child: Field }
  | { kind: "fixed_size_list"; size: number; child: Field }
  | { kind: "struct"; children: Field[] }
  | { kind: "union"; mode: "sparse" | "dense"; typeIds: number[]; children: Field[] };

/** A named, typed column slot with its key/value metadata (insertion order is kept). */
export interface Field {
  name: string;
  type: DataType;
  nullable: boolean;
  metadata: Map<string, string>;
}

export type Values =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | BigUint64Array
  | BigInt64Array
  | Float32Array
  | Float64Array;

/**
 * One Arrow array, always starting at element 0 of its buffers.
 * - `validity`: LSB-first bitmap, or null when every slot is valid.
 * - `offsets`: list/utf8/binary (Int32Array, length+1), large_* (BigInt64Array), dense union (Int32Array).
 * - `values`: primitive values; bool values are a bitmap; utf8/binary bytes; fixed_size_binary bytes;
 *   float16 is kept as raw Uint16Array bits.
 * - `typeIds`: union type ids (Int8Array).
 * - `children`: list/fixed-size-list child, struct fields, union members.
 */
export interface ArrayData {
  type: DataType;
  length: number;
  nullCount: number;
  validity: Uint8Array | null;
  offsets: Int32Array | BigInt64Array | null;
  values: Values | null;
  typeIds: Int8Array | null;
  children: ArrayData[];
}

/** The children of every array without any, shared (never modified): one allocation fewer per leaf array. */
export const NO_CHILDREN: ArrayData[] = Object.freeze([]) as unknown as ArrayData[];

/** An IPC schema: top-level fields plus schema-level metadata. */
export interface Schema {
  fields: Field[];
  metadata: Map<string, string>;
}

/** A schema with one record batch of equal-length columns (what one Rerun ArrowMsg carries). */
export interface RecordBatch {
  schema: Schema;
  length: number;
  columns: ArrayData[];
}
