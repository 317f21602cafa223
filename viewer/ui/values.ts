/** Component values as the selection panel shows them: rounded numbers, colors as #RRGGBBAA with a swatch. */
import type { JsValue } from "../../store/arrow/values.ts";
import { C } from "../data/names.ts";
import { h } from "./dom.ts";

const COLORS = new Set<string>([C.Color, C.AlbedoFactor]);

/** A compact text of `v` (floats to 6 significant digits, long lists elided). */
function valueText(v: JsValue, maxItems = 8): string {
  if (v === null) return "null";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  if (typeof v === "string") return v;
  if (typeof v !== "object") return String(v);
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  if (Array.isArray(v)) {
    const shown = v.slice(0, maxItems).map((x) => valueText(x, maxItems));
    return `[${shown.join(", ")}${v.length > maxItems ? `, … ${v.length} total` : ""}]`;
  }
  return `{${Object.entries(v).map(([k, x]) => `${k}: ${valueText(x, maxItems)}`).join(", ")}}`;
}

/** The DOM of one component value (a color gets a swatch). */
export function valueNode(component: string, v: JsValue): Node {
  if (COLORS.has(component) && typeof v === "number") {
    const hex = `#${(v >>> 0).toString(16).padStart(8, "0").toUpperCase()}`;
    return h("span", { class: "color-value" }, h("span", { class: "swatch", style: `background:${hex}` }), hex);
  }
  if (Array.isArray(v) && v.length > 1 && v.every((x) => typeof x === "number") && COLORS.has(component)) {
    return h("span", {}, ...v.slice(0, 8).map((x) => valueNode(component, x)));
  }
  return document.createTextNode(valueText(v));
}
