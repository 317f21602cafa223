import { pc, records } from "./gen.ts";
import { lz4Compress } from "./store5.ts";
for (const [name, data] of [["pc", pc()], ["rec", records()]] as const) {
  const c = lz4Compress(data); let s = 0; const lit: Record<number, number> = {}, ml: Record<number, number> = {}, off: Record<string, number> = {}; let seqs = 0;
  for (;;) { const t = c[s++]!; let n = t >> 4; if (n === 15) { let b; do { b = c[s++]!; n += b; } while (b === 255); } s += n; lit[Math.min(n, 40)] = (lit[Math.min(n, 40)] ?? 0) + 1; if (s >= c.length) break;
    const o = c[s]! | (c[s + 1]! << 8); s += 2; let m = t & 15; if (m === 15) { let b; do { b = c[s++]!; m += b; } while (b === 255); } m += 4; seqs++;
    ml[Math.min(m, 40)] = (ml[Math.min(m, 40)] ?? 0) + 1; const ob = o < 4 ? "<4" : o < 8 ? "<8" : o < 16 ? "<16" : o < 64 ? "<64" : o < 1024 ? "<1k" : ">=1k"; off[ob] = (off[ob] ?? 0) + 1; }
  console.log(name, "seqs", seqs, "\nlit", JSON.stringify(lit), "\nml", JSON.stringify(ml), "\noff", JSON.stringify(off));
}
