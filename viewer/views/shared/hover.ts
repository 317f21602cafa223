/** Hovering instances in a view: the shared hover state and the tooltip that names what is under the pointer. */
import { get, type Selection, set } from "../../state/store.ts";
import { hideTooltip } from "../../ui/tooltip.ts";

/** Makes `sel` the hovered entity/instance, unless it already is. */
export function hoverOn(sel: Selection | null): void {
  const cur = get().hover;
  if (sel?.path !== cur?.path || sel?.instance !== cur?.instance) set({ hover: sel });
}

/** The pointer left view `viewId`: hides the tooltip and clears the hover if that view set it. */
export function leaveView(viewId: string): void {
  hideTooltip();
  if (get().hover?.viewId === viewId) set({ hover: null });
}

/** The tooltip's first lines for a picked entity/instance. */
export function pickedLines(path: string, instance: number | null): string[] {
  return [path, ...(instance !== null ? [`instance #${instance}`] : [])];
}
