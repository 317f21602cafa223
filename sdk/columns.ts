/** Columnar data for `sendColumns`: time columns, and component columns partitioned into rows. */
import { NULL, arrayFromValues } from "../store/arrow/make.ts";
import { listArray } from "../store/arrow/typed.ts";
import type { ArrayData } from "../store/arrow/types.ts";
import { componentField } from "../store/build.ts";
import type { ComponentDescriptor } from "../store/chunk.ts";
import type { TimeType } from "../store/logmsg.ts";
import { secondsToNs, toBigInt } from "./time.ts";

/** One timeline's values, one per row. */
export interface TimeColumnLike {
  readonly timeline: string;
  readonly type: TimeType;
  readonly times: BigInt64Array;
}

const ints = (v: ArrayLike<number | bigint>, what: string): BigInt64Array =>
  v instanceof BigInt64Array ? v.slice() : BigInt64Array.from(Array.from(v, (x) => toBigInt(x, what)));

/** A Sequence timeline column (frame numbers…), like `rr.TimeSequenceColumn`. */
export class TimeSequenceColumn implements TimeColumnLike {
  readonly type = "Sequence";
  readonly times: BigInt64Array;
  constructor(readonly timeline: string, times: ArrayLike<number | bigint>) {
    this.times = ints(times, `sequence on '${timeline}'`);
  }
}

/** A Time timeline column in float seconds since the epoch, like `rr.TimeSecondsColumn`. */
export class TimeSecondsColumn implements TimeColumnLike {
  readonly type = "Time";
  readonly times: BigInt64Array;
  constructor(readonly timeline: string, seconds: ArrayLike<number>) {
    this.times = BigInt64Array.from(Array.from(seconds, secondsToNs));
  }
}

/** A Time timeline column in integer nanoseconds since the epoch, like `rr.TimeNanosColumn`. */
export class TimeNanosColumn implements TimeColumnLike {
  readonly type = "Time";
  readonly times: BigInt64Array;
  constructor(readonly timeline: string, nanos: ArrayLike<number | bigint>) {
    this.times = ints(nanos, `nanoseconds on '${timeline}'`);
  }
}

/** One component over many rows: row i holds instances offsets[i]..offsets[i+1]. */
export class ComponentColumn {
  constructor(
    readonly descriptor: ComponentDescriptor,
    readonly instances: ArrayData,
    readonly offsets: Int32Array,
  ) {}

  /** One instance per row. */
  static onePerRow(descriptor: ComponentDescriptor, instances: ArrayData): ComponentColumn {
    return new ComponentColumn(descriptor, instances, Int32Array.from({ length: instances.length + 1 }, (_, i) => i));
  }

  /** An archetype's indicator over `rows` rows (empty entries, as Python's `columns()` sends it). */
  static indicator(descriptor: ComponentDescriptor, rows: number): ComponentColumn {
    return new ComponentColumn(descriptor, arrayFromValues(NULL, []), new Int32Array(rows + 1));
  }

  /** Number of rows. */
  get rows(): number {
    return this.offsets.length - 1;
  }

  /** The same instances regrouped: row i gets `lengths[i]` of them (the lengths must add up to all of them). */
  partition(lengths: ArrayLike<number>): ComponentColumn {
    const offsets = new Int32Array(lengths.length + 1);
    for (let i = 0; i < lengths.length; i++) offsets[i + 1] = offsets[i]! + lengths[i]!;
    if (offsets[lengths.length] !== this.instances.length) {
      throw new RangeError(`partition lengths add up to ${offsets[lengths.length]}, but '${this.descriptor.component}' has ${this.instances.length} instances`);
    }
    return new ComponentColumn(this.descriptor, this.instances, offsets);
  }

  /** The chunk column: `List<item: T>`, one entry per row. */
  listArray(): ArrayData {
    return { ...listArray(this.instances, this.offsets), type: componentField(this.descriptor, this.instances.type).type };
  }
}

/** What an archetype's `columns()` returns: its indicator column first, then one column per given field. */
export class ComponentColumnList implements Iterable<ComponentColumn> {
  constructor(readonly columns: ComponentColumn[]) {}

  [Symbol.iterator](): Iterator<ComponentColumn> {
    return this.columns[Symbol.iterator]();
  }

  /** Every column regrouped with the same row lengths (the indicator just gets that many rows). */
  partition(lengths: ArrayLike<number>): ComponentColumnList {
    return new ComponentColumnList(this.columns.map((c) => (c.instances.type.kind === "null" ? ComponentColumn.indicator(c.descriptor, lengths.length) : c.partition(lengths))));
  }
}
