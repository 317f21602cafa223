/** Rerun's colormaps (enum values of `Colormap`), as 256-entry RGB lookup tables. */

type Stops = [number, number, number][];

const STOPS: Record<number, Stops> = {
  1: [[0, 0, 0], [255, 255, 255]],
  2: [[0, 0, 4], [40, 11, 84], [101, 21, 110], [159, 42, 99], [212, 72, 66], [245, 125, 21], [250, 193, 39], [252, 255, 164]],
  3: [[0, 0, 4], [28, 16, 68], [79, 18, 123], [129, 37, 129], [181, 54, 122], [229, 80, 100], [251, 135, 97], [254, 194, 135], [252, 253, 191]],
  4: [[13, 8, 135], [84, 2, 163], [139, 10, 165], [185, 50, 137], [219, 92, 104], [244, 136, 73], [254, 188, 43], [240, 249, 33]],
  5: [[48, 18, 59], [70, 107, 227], [40, 187, 236], [49, 242, 153], [162, 252, 60], [237, 208, 58], [251, 128, 34], [208, 47, 5], [122, 4, 3]],
  6: [[68, 1, 84], [70, 50, 127], [54, 92, 141], [39, 127, 142], [31, 161, 135], [74, 194, 109], [159, 218, 58], [253, 231, 37]],
  7: [[0, 128, 255], [128, 192, 192], [255, 255, 0]],
};

const cache = new Map<number, Uint8Array>();

/** The 256×RGB table of colormap `id` (unknown ids → Turbo, Rerun's default). */
export function colormapLut(id: number): Uint8Array {
  const key = STOPS[id] ? id : 5;
  let lut = cache.get(key);
  if (lut) return lut;
  const stops = STOPS[key]!;
  lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * (stops.length - 1);
    const k = Math.min(Math.floor(x), stops.length - 2), f = x - k;
    for (let ch = 0; ch < 3; ch++) lut[i * 3 + ch] = Math.round(stops[k]![ch]! * (1 - f) + stops[k + 1]![ch]! * f);
  }
  cache.set(key, lut);
  return lut;
}
