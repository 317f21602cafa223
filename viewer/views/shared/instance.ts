/** The ViewInstance a view returns: new specs and disposal, the same way for every view type. */
import type { ViewSpec } from "../../state/store.ts";
import type { ViewInstance } from "../registry.ts";

/** `update` hands the new spec to `setSpec` then calls `refresh`; `dispose` runs `teardown` in order, then empties `el`. */
export function viewInstance(el: HTMLElement, setSpec: (spec: ViewSpec) => void, refresh: () => void, teardown: readonly (() => void)[]): ViewInstance {
  return {
    update(next) {
      setSpec(next);
      refresh();
    },
    dispose() {
      for (const fn of teardown) fn();
      el.textContent = "";
    },
  };
}
