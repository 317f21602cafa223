/**
 * Archetypes: a named set of fields, each a component with a category (spec §7). An archetype value
 * yields its indicator then one described batch per given field; `fromFields` logs only some fields
 * (partial updates), `cleared()` logs every field as an empty list, `columns()` feeds `sendColumns`.
 */
import { NULL, arrayFromValues } from "../store/arrow/make.ts";
import { descriptor } from "../store/build.ts";
import type { ComponentDescriptor } from "../store/chunk.ts";
import { ComponentColumn, ComponentColumnList } from "./columns.ts";
import type { Batch, ComponentType } from "./component.ts";
import { errorText, misuse } from "./warn.ts";

/** How important a field is to its archetype (spec §7). */
export type Category = "required" | "recommended" | "optional";

type AnyComponent = ComponentType<any>;

/** An archetype's fields: camelCase name → [component, category], in declaration order. */
export type FieldSpecs = Record<string, readonly [AnyComponent, Category]>;

type InputOf<C> = C extends ComponentType<infer I> ? I : never;

/** Values by field name; a missing (or null) field is not logged, or logged empty with `clearUnset`. */
export type FieldValues<S extends FieldSpecs> = { [K in keyof S]?: InputOf<S[K][0]> | null };

/** Anything `log()` takes besides component batches: it yields described batches. */
export interface AsComponents {
  asComponentBatches(): Batch[];
}

/** One field of an archetype. */
export interface FieldDef {
  key: string;
  component: AnyComponent;
  category: Category;
  descriptor: ComponentDescriptor;
}

/** `classIds` → `class_ids` (the wire's archetype field name). */
function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** An archetype's name, indicator and fields. */
export class ArchetypeDef<S extends FieldSpecs> {
  readonly name: string;
  readonly indicator: Batch;
  readonly fields: FieldDef[];

  constructor(readonly short: string, specs: S) {
    this.name = `rerun.archetypes.${short}`;
    this.indicator = { descriptor: descriptor(`rerun.components.${short}Indicator`), array: arrayFromValues(NULL, [null]) };
    this.fields = Object.entries(specs).map(([key, [component, category]]) => ({
      key,
      component,
      category,
      descriptor: descriptor(component.name, this.name, snakeCase(key)),
    }));
  }

  /** The batches of `values`: indicator first, then fields in declaration order. A field that fails to convert is reported and left out. */
  batches(values: FieldValues<S>, clearUnset: boolean): Batch[] {
    const out: Batch[] = [this.indicator];
    let count: number | undefined;
    for (const f of this.fields) {
      const v = (values as Record<string, unknown>)[f.key];
      if (v === undefined || v === null) {
        if (clearUnset) out.push({ descriptor: f.descriptor, array: arrayFromValues(f.component.type, []) });
        continue;
      }
      try {
        const array = f.component.array(v, count);
        count ??= array.length;
        out.push({ descriptor: f.descriptor, array });
      } catch (e) {
        misuse(`${this.short}.${f.key}: ${errorText(e)}`);
      }
    }
    return out;
  }

  /** One column per given field (one instance per row until partitioned), after the indicator column. */
  columns(values: FieldValues<S>): ComponentColumnList {
    const cols = this.batches(values, false).slice(1).map((b) => ComponentColumn.onePerRow(b.descriptor, b.array));
    return new ComponentColumnList([ComponentColumn.indicator(this.indicator.descriptor, cols[0]?.rows ?? 0), ...cols]);
  }
}

/** Each archetype value's batches (kept outside the class so its declarations stay emittable). */
const batchesOf = new WeakMap<Archetype, Batch[]>();

/** The base of every archetype value. */
export abstract class Archetype implements AsComponents {
  constructor(def: ArchetypeDef<FieldSpecs>, values: object, clearUnset: boolean) {
    batchesOf.set(this, def.batches(values, clearUnset));
  }

  /** The indicator and the batches of the given fields. */
  asComponentBatches(): Batch[] {
    return batchesOf.get(this)!;
  }
}

/** The base class of one archetype: its constructor takes field values; statics `fromFields`, `cleared`, `columns`. */
export function archetypeClass<S extends FieldSpecs>(short: string, specs: S) {
  const def = new ArchetypeDef(short, specs);
  abstract class Base extends Archetype {
    /** Name, indicator and fields. */
    static readonly def = def;

    constructor(values: FieldValues<S>, clearUnset = false) {
      super(def, values, clearUnset);
    }

    /** Only the given fields (a partial update); with `clearUnset` every other field is logged empty. */
    static fromFields<T>(this: abstract new (...args: never[]) => T, values: FieldValues<S>, opts: { clearUnset?: boolean } = {}): T {
      return Reflect.construct(Base, [values, opts.clearUnset ?? false], this) as T;
    }

    /** Every field logged as an empty list: clears the entity's values of this archetype. */
    static cleared<T>(this: abstract new (...args: never[]) => T): T {
      return Reflect.construct(Base, [{}, true], this) as T;
    }

    /** Columns for `sendColumns`, one instance per row (use `.partition(lengths)` to regroup). */
    static columns(values: FieldValues<S>): ComponentColumnList {
      return def.columns(values);
    }
  }
  return Base;
}

/** Field values computed by `make`; if that throws, the misuse is reported and `{}` is used (Python logs nothing then, too). */
export function guarded<T extends object>(what: string, make: () => T): T | Record<string, never> {
  try {
    return make();
  } catch (e) {
    misuse(`${what}: ${errorText(e)}`);
    return {};
  }
}
