/**
 * A small, safe markdown renderer: headings, paragraphs, emphasis, inline code, fenced code,
 * lists, block quotes, rules and links. It builds DOM nodes and sets only text content, so HTML in
 * the source is shown as text and never parsed; links keep only http(s), mailto and relative URLs.
 */

/** The DOM of `src` rendered as markdown. */
export function renderMarkdown(src: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const lines = src.replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (/^\s*$/.test(line)) {
      i++;
    } else if (/^\s*(```|~~~)/.test(line)) {
      const fence = line.trim().slice(0, 3);
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trim().startsWith(fence); i++) code.push(lines[i]!);
      i++;
      const pre = el("pre");
      pre.appendChild(el("code")).textContent = code.join("\n");
      out.appendChild(pre);
    } else if (/^#{1,6}\s/.test(line)) {
      const m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line)!;
      out.appendChild(inline(el(`h${m[1]!.length}`), m[2]!));
      i++;
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.appendChild(el("hr"));
      i++;
    } else if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      for (; i < lines.length && /^\s*>/.test(lines[i]!); i++) quoted.push(lines[i]!.replace(/^\s*>\s?/, ""));
      out.appendChild(el("blockquote")).appendChild(renderMarkdown(quoted.join("\n")));
    } else if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const list = el(ordered ? "ol" : "ul");
      for (; i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i]!); i++) {
        let item = lines[i]!.replace(/^\s*([-*+]|\d+[.)])\s+/, "");
        for (; i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1]!) && !/^\s*([-*+]|\d+[.)])\s+/.test(lines[i + 1]!); i++) item += ` ${lines[i + 1]!.trim()}`;
        list.appendChild(inline(el("li"), item));
      }
      out.appendChild(list);
    } else {
      const para: string[] = [];
      for (; i < lines.length && !/^\s*$/.test(lines[i]!) && !/^(#{1,6}\s|\s*(```|~~~|>)|\s*([-*+]|\d+[.)])\s+)/.test(lines[i]!); i++) para.push(lines[i]!);
      if (para.length === 0) para.push(lines[i++]!);
      const p = el("p");
      para.forEach((text, k) => {
        if (k) p.appendChild(/\s{2,}$/.test(para[k - 1]!) ? el("br") : document.createTextNode(" "));
        inline(p, text.trim());
      });
      out.appendChild(p);
    }
  }
  return out;
}

function el(tag: string): HTMLElement {
  return document.createElement(tag);
}

const INLINE = /(`+)([\s\S]*?)\1|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_|!?\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)|<(https?:\/\/[^\s>]+)>/;

/** Appends `text` with inline markup to `parent`; returns `parent`. */
function inline(parent: HTMLElement, text: string): HTMLElement {
  let rest = text;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      parent.appendChild(document.createTextNode(rest));
      break;
    }
    if (m.index) parent.appendChild(document.createTextNode(rest.slice(0, m.index)));
    if (m[1] !== undefined) parent.appendChild(el("code")).textContent = m[2]!.trim();
    else if (m[3] !== undefined || m[4] !== undefined) inline(parent.appendChild(el("strong")), m[3] ?? m[4]!);
    else if (m[5] !== undefined || m[6] !== undefined) inline(parent.appendChild(el("em")), m[5] ?? m[6]!);
    else if (m[8] !== undefined || m[9] !== undefined) parent.appendChild(link(m[7] ?? m[9]!, m[8] ?? m[9]!));
    rest = rest.slice(m.index + m[0].length);
  }
  return parent;
}

function link(text: string, href: string): Node {
  if (!safeHref(href)) return document.createTextNode(text);
  const a = el("a") as HTMLAnchorElement;
  a.href = href;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  a.textContent = text || href;
  return a;
}

/** True for http(s), mailto, in-page and relative URLs (never javascript:, data: and the like). */
function safeHref(href: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href.trim());
  return !scheme || ["http", "https", "mailto"].includes(scheme[1]!.toLowerCase());
}
