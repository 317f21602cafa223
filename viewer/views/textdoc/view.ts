/** The text-document view: one TextDocument at the time cursor, markdown rendered safely or plain text. */
import { strings } from "../../data/cells.ts";
import { C } from "../../data/names.ts";
import type { ViewSpec } from "../../state/store.ts";
import { h, replaceChildren } from "../../ui/dom.ts";
import type { ViewInstance } from "../registry.ts";
import { viewInstance } from "../shared/instance.ts";
import { watchLatest } from "../shared/latest.ts";
import { renderMarkdown } from "./markdown.ts";

/** A text-document view in `el` showing `spec` (its origin is the document entity). */
export function createTextDocView(el: HTMLElement, initial: ViewSpec): ViewInstance {
  let spec = initial;
  const doc = h("div", { class: "text-document", tabindex: 0 });
  el.append(doc);
  const watcher = watchLatest(() => ({ entity: spec.origin, components: [C.Text, C.MediaType] }), (rows) => {
    const row = rows.get(spec.origin);
    const text = strings(row?.cells.get(C.Text))[0];
    if (text === undefined) return replaceChildren(doc, h("div", { class: "empty" }, "No document at this time"));
    const markdown = strings(row?.cells.get(C.MediaType))[0] === "text/markdown";
    replaceChildren(doc, markdown ? h("div", { class: "markdown" }, renderMarkdown(text)) : h("pre", { class: "plain" }, text));
  });
  return viewInstance(el, (next) => (spec = next), watcher.refresh, [watcher.stop]);
}
