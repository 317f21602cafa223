/** A Rerun chunk: the rows of one entity, column by column (spec §4). */
import type { ArrayData, DataType, Field } from "./arrow/types.ts";
import type { TimeType, Tuid } from "./logmsg.ts";

/** Identifies a component column: its name plus optional archetype tags. */
export interface ComponentDescriptor {
  component: string;
  archetype: string | null;
  archetypeField: string | null;
}

/** The index column of one timeline: one i64 per row. */
export interface TimeColumn {
  name: string;
  type: TimeType;
  values: BigInt64Array;
  sorted: boolean;
  /** The Arrow field as read (kept so re-encoding is lossless). */
  field: Field;
}

/** A component column: a List array, one entry per row (null = absent, empty = cleared). */
export interface ComponentColumn {
  descriptor: ComponentDescriptor;
  /** The list's item type, e.g. FixedSizeList<3, Float32> for Position3D. */
  itemType: DataType;
  data: ArrayData;
  field: Field;
}

/** A chunk as carried by an ArrowMsg. */
export interface Chunk {
  id: Tuid;
  entityPath: string;
  isSorted: boolean;
  numRows: number;
  /** Row ids: two parallel u64 columns. */
  rowIdTimeNs: BigUint64Array;
  rowIdInc: BigUint64Array;
  timelines: TimeColumn[];
  components: ComponentColumn[];
  /** The row-id field and the schema metadata as read, for lossless re-encoding. */
  rowIdField: Field;
  schemaMetadata: Map<string, string>;
  /** `layoutKey` of the columns, when the reader computed it once for the schema (else computed on use). */
  schemaKey?: string;
  /** What the columns' fields say, shared by every chunk read with the same fields (set by the IPC reader only). */
  shape?: ChunkShape;
}

/**
 * The column layout that a chunk read from IPC shares with every chunk of the same schema fields: with
 * its row ids, times and values alone it gives back the whole chunk (the store queues one-row chunks so).
 */
export interface ChunkShape {
  /** `layoutKey` of the columns. */
  key: string;
  rowIdField: Field;
  times: readonly Omit<TimeColumn, "values">[];
  comps: readonly Omit<ComponentColumn, "data">[];
  /** The component columns' array types (each is its field's type). */
  types: readonly DataType[];
}
