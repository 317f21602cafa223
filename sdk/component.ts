/** Component types: a Rerun component name, its Arrow instance type, and how user values become instances. */
import type { ArrayData, DataType } from "../store/arrow/types.ts";
import { type Batch, descriptor } from "../store/build.ts";

export type { Batch };

/** A component: `rerun.components.<Name>` with instances of Arrow type `type`. */
export interface ComponentType<In> {
  readonly name: string;
  readonly type: DataType;
  /** The instances of `value`; `count` is the archetype's instance count (it disambiguates flat color channels). */
  array(value: In, count?: number): ArrayData;
  /** A batch of this component without archetype tags, to log next to archetypes: `log(path, Color.batch(…))`. */
  batch(value: In): Batch;
}

/** Defines `rerun.components.<short>`. */
export function defineComponent<In>(short: string, type: DataType, array: (value: In, count?: number) => ArrayData): ComponentType<In> {
  const name = `rerun.components.${short}`;
  return { name, type, array, batch: (value) => ({ descriptor: descriptor(name), array: array(value) }) };
}
