/** Rerun colors: Rgba32 unpacking and the automatic colors for entities and class ids. */

/** An sRGB color with linear alpha, each channel 0–255. */
export type Rgba = [number, number, number, number];

/** Unpacks `0xRRGGBBAA`. */
export function unpackRgba(c: number): Rgba {
  return [(c >>> 24) & 255, (c >>> 16) & 255, (c >>> 8) & 255, c & 255];
}

/** CSS text of a color. */
export function css(c: Rgba): string {
  return c[3] === 255 ? `rgb(${c[0]},${c[1]},${c[2]})` : `rgba(${c[0]},${c[1]},${c[2]},${(c[3] / 255).toFixed(3)})`;
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

const toSrgb = (l: number) => Math.round(255 * (l <= 0.0031308 ? 12.92 * l : 1.055 * l ** (1 / 2.4) - 0.055));

/** Rerun's `auto_color`: hue stepped by the golden ratio, s 0.85, v 0.5 in linear space. */
export function autoColor(val: number): Rgba {
  const h = (val * GOLDEN) % 1, s = 0.85, v = 0.5;
  const i = Math.floor(h * 6), f = h * 6 - i;
  const p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);
  const [r, g, b] = [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]][i % 6]!;
  return [toSrgb(r!), toSrgb(g!), toSrgb(b!), 255];
}

/** A stable automatic color per entity path (hash of the path). */
export function entityColor(path: string): Rgba {
  let h = 2166136261;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 16777619);
  return autoColor((h >>> 0) % 65535);
}
