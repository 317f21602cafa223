/**
 * AnyValues: arbitrary named components, like Python's `rr.AnyValues(confidence=[0.3], label="car")`.
 * The component name is the key as given; the Arrow type follows the value: string → Utf8,
 * boolean → Boolean, number → Float64, bigint → Int64, a typed array → its own element type,
 * arrays of those → many instances. No indicator is logged.
 */
import { BOOL, F64, I64, UTF8, arrayFromValues } from "../../store/arrow/make.ts";
import { primitiveArray } from "../../store/arrow/typed.ts";
import type { ArrayData, Values } from "../../store/arrow/types.ts";
import { descriptor } from "../../store/build.ts";
import type { AsComponents } from "../archetype.ts";
import type { Batch } from "../component.ts";
import { elementType, type TypedArray } from "../convert/ndarray.ts";
import { misuse } from "../warn.ts";

type Scalar = string | boolean | number | bigint;
/** A value AnyValues can type. */
export type AnyValue = Scalar | readonly Scalar[] | TypedArray | null | undefined;

function anyArray(v: Exclude<AnyValue, null | undefined>): ArrayData | null {
  if (ArrayBuffer.isView(v)) return primitiveArray(elementType(v).arrow, (v instanceof Uint8ClampedArray ? new Uint8Array(v) : v.slice()) as Values);
  const list = (Array.isArray(v) ? v : [v]) as readonly Scalar[];
  const kind = typeof list[0];
  if (list.some((x) => typeof x !== kind)) return null;
  const type = kind === "string" ? UTF8 : kind === "boolean" ? BOOL : kind === "number" ? F64 : kind === "bigint" ? I64 : null;
  return type && arrayFromValues(type, list);
}

/** Named values logged as components with those names. */
export class AnyValues implements AsComponents {
  private readonly batches: Batch[] = [];

  /** `dropUntypedNones` (default true) silently skips null/undefined values; otherwise they are reported. */
  constructor(values: Record<string, AnyValue>, opts: { dropUntypedNones?: boolean } = {}) {
    for (const [name, v] of Object.entries(values)) {
      if (v === null || v === undefined) {
        if (opts.dropUntypedNones === false) misuse(`AnyValues: '${name}' is ${v} and has no type`);
        continue;
      }
      const array = anyArray(v);
      if (array) this.batches.push({ descriptor: descriptor(name), array });
      else misuse(`AnyValues: cannot infer an Arrow type for '${name}'`);
    }
  }

  /** One batch per named value. */
  asComponentBatches(): Batch[] {
    return this.batches;
  }
}
