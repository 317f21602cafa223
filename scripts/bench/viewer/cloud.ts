/** The benchmark's point cloud, shared by the recording writer (Bun) and the anchor page (browser): no imports. */

/** A small fast PRNG (mulberry32) so every run makes the same numbers. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` points of a noisy torus (float32 noise in every coordinate) with height-coded RGB colors. */
export function noisyCloud(n: number, seed: number): { positions: Float32Array; colors: Uint8Array } {
  const rnd = prng(seed);
  const positions = new Float32Array(3 * n), colors = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    const a = rnd() * Math.PI * 2, b = rnd() * Math.PI * 2, r = 1 + 0.35 * Math.cos(b);
    const z = Math.sin(b) + (rnd() - 0.5) * 0.08;
    positions[3 * i] = 3 * r * Math.cos(a) + (rnd() - 0.5) * 0.08;
    positions[3 * i + 1] = 3 * r * Math.sin(a) + (rnd() - 0.5) * 0.08;
    positions[3 * i + 2] = z;
    const h = (z + 1.1) / 2.2;
    colors[3 * i] = Math.max(0, Math.min(255, 255 * h));
    colors[3 * i + 1] = 80 + Math.floor(rnd() * 100);
    colors[3 * i + 2] = Math.max(0, Math.min(255, 255 * (1 - h)));
  }
  return { positions, colors };
}
