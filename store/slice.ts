/** Row and column subsets of a chunk (query answers, time slices). */
import { ArrayBuilder } from "./arrow/concat.ts";
import type { ArrayData } from "./arrow/types.ts";
import type { Chunk, ComponentColumn } from "./chunk.ts";

/** The schema metadata of a subset: the size estimate of the whole no longer holds. */
function subsetMeta(chunk: Chunk): Map<string, string> {
  const meta = new Map(chunk.schemaMetadata);
  meta.delete("rerun.heap_size_bytes");
  return meta;
}

/** A plain chunk with the fields of `chunk`, changed by `change` (a spread would miss the getters of a kept chunk). */
function plainWith(chunk: Chunk, change: Partial<Chunk>): Chunk {
  return {
    id: chunk.id,
    entityPath: chunk.entityPath,
    isSorted: chunk.isSorted,
    numRows: chunk.numRows,
    rowIdTimeNs: chunk.rowIdTimeNs,
    rowIdInc: chunk.rowIdInc,
    timelines: chunk.timelines,
    components: chunk.components,
    rowIdField: chunk.rowIdField,
    schemaMetadata: chunk.schemaMetadata,
    schemaKey: chunk.schemaKey,
    shape: chunk.shape,
    ...change,
  };
}

/** `chunk` with only the component columns for which `keep` holds (no copy; the same chunk if all are kept). */
export function pickComponents(chunk: Chunk, keep: (c: ComponentColumn) => boolean): Chunk {
  const components = chunk.components.filter(keep);
  if (components.length === chunk.components.length) return chunk;
  return plainWith(chunk, { components, schemaMetadata: subsetMeta(chunk), schemaKey: undefined, shape: undefined });
}

/** The rows `rows` (ascending indices) of `chunk`, copied into exact-size buffers; the chunk id is kept. */
export function takeRows(chunk: Chunk, rows: Int32Array): Chunk {
  const runs = consecutiveRuns(rows);
  const copy = (a: ArrayData): ArrayData => {
    const b = new ArrayBuilder(a.type);
    for (let k = 0; k < runs.length; k += 2) b.append(a, runs[k]!, runs[k + 1]!);
    return b.seal();
  };
  return plainWith(chunk, {
    numRows: rows.length,
    rowIdTimeNs: gather64(chunk.rowIdTimeNs, rows),
    rowIdInc: gather64(chunk.rowIdInc, rows),
    timelines: chunk.timelines.map((t) => ({ ...t, values: gather64(t.values, rows) })),
    components: chunk.components.map((c) => ({ ...c, data: copy(c.data) })),
    schemaMetadata: subsetMeta(chunk),
  });
}

/** [start, end) pairs of the runs of consecutive indices in ascending `rows`. */
function consecutiveRuns(rows: Int32Array): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i + 1;
    while (j < rows.length && rows[j] === rows[j - 1]! + 1) j++;
    out.push(rows[i]!, rows[j - 1]! + 1);
    i = j;
  }
  return Int32Array.from(out);
}

/** Picks 64-bit values by index through 32-bit word views (no BigInt per value). */
function gather64<T extends BigInt64Array | BigUint64Array>(v: T, rows: Int32Array): T {
  const out = new (v.constructor as new (n: number) => T)(rows.length);
  const src = new Uint32Array(v.buffer, v.byteOffset, v.length * 2), dst = new Uint32Array(out.buffer);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]! * 2;
    dst[2 * i] = src[r]!;
    dst[2 * i + 1] = src[r + 1]!;
  }
  return out;
}
