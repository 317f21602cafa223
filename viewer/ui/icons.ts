/** Small inline SVG icons (no icon font: glyph coverage differs between systems). */

const PATHS = {
  first: "M3 2h2v12H3zM14 2v12L6 8z",
  last: "M11 2h2v12h-2zM2 2v12l8-6z",
  prev: "M2 2h2v12H2zM14 2v12L5 8z",
  next: "M12 2h2v12h-2zM2 2v12l9-6z",
  play: "M4 2v12l10-6z",
  pause: "M3 2h4v12H3zM9 2h4v12H9z",
  download: "M7 1h2v8l3-3 1.4 1.4L8 12.8 2.6 7.4 4 6l3 3zM2 13h12v2H2z",
  maximize: "M2 2h5v2H4v3H2zM9 2h5v5h-2V4H9zM2 9h2v3h3v2H2zM12 9h2v5H9v-2h3z",
  close: "M3.4 2 8 6.6 12.6 2 14 3.4 9.4 8 14 12.6 12.6 14 8 9.4 3.4 14 2 12.6 6.6 8 2 3.4z",
  eye: "M8 3C4 3 1.5 6 1 8c.5 2 3 5 7 5s6.5-3 7-5c-.5-2-3-5-7-5zm0 8a3 3 0 1 1 0-6 3 3 0 0 1 0 6z",
  eyeOff: "M2.7 1.3 1.3 2.7l2 2C2 5.8 1.3 7 1 8c.5 2 3 5 7 5 1.3 0 2.4-.3 3.4-.8l1.9 1.9 1.4-1.4zM8 3c-.8 0-1.5.1-2.1.3l1.8 1.8L8 5a3 3 0 0 1 3 3v.3l2.5 2.5C14.3 9.9 14.8 8.8 15 8c-.5-2-3-5-7-5z",
} as const;

export type IconName = keyof typeof PATHS;

/** An inline 16×16 SVG icon in the current text color. */
export function icon(name: IconName): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "14");
  svg.setAttribute("height", "14");
  svg.setAttribute("aria-hidden", "true");
  svg.classList.add("icon");
  const path = svg.appendChild(document.createElementNS(ns, "path"));
  path.setAttribute("d", PATHS[name]);
  path.setAttribute("fill", "currentColor");
  return svg;
}
