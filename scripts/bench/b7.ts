/** B7: `.rrd` load into the store (RrdDecoder in 1 MB reads + Hub.add) of a large-chunk file and a tiny-message file, against LZ4 alone. */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { uncompressSync } from "lz4-napi";
import { END_MARKER, encodeFrame } from "../../store/encoder.ts";
import { headerBytes } from "../../store/header.ts";
import type { LogMsg } from "../../store/logmsg.ts";
import { lz4Decompress } from "../../store/lz4.ts";
import { decodeAll } from "./decode.ts";
import { walkFrames } from "./frames.ts";
import { Gen } from "./gen.ts";
import { rates, type Stat } from "./measure.ts";
import type { Row, Scenario, Target } from "./scenario.ts";

/** Bytes per push, as `rerun rrd print` reads files. */
const FEED = 1 << 20;
const SIZES = {
  tiny: { chunks: 2, points: 10_000, msgs: 5_000, entities: 1000 },
  full: { chunks: 50, points: 100_000, msgs: 1_000_000, entities: 10_000 },
};

export const b7: Scenario = {
  id: "B7",
  title: "`.rrd` load into the store of a large-chunk file (1 GB decompressed) and a 1 M tiny-message file, LZ4",
  run: (size) => {
    const s = SIZES[size], g = new Gen(7);
    const dir = mkdtempSync(join(tmpdir(), "rerun-bench-"));
    try {
      const big = writeRrd(join(dir, "big.rrd"), (function* () {
        for (let i = 0; i < s.chunks; i++) yield g.msg(g.points(`/world/lidar${i % 4}`, s.points, 10));
      })());
      const tiny = writeRrd(join(dir, "tiny.rrd"), g.tiny(s.msgs, s.entities));
      const bigRows = load(big, (b) => b.size / 1e6, "MB/s", { on: "ours", op: ">=", value: 700 });
      const tinyRows = load(tiny, (b) => b.count / 1000, "k msg/s", { on: "ours", op: ">=", value: 150 });
      const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
      return [
        ...bigRows.rows(`B7 load into the store ${s.chunks} × ${s.points * 10 / 1e6} M-point chunks (${mb(bigRows.size)}, ${mb(bigRows.bytes)} file)`),
        ...tinyRows.rows(`B7 load into the store ${s.msgs / 1000} k tiny msgs (${mb(tinyRows.bytes)} file)`),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Writes an LZ4 `.rrd` frame by frame; returns its path. */
function writeRrd(path: string, msgs: Iterable<LogMsg>): string {
  const fd = openSync(path, "w");
  writeSync(fd, headerBytes("lz4"));
  for (const m of msgs) writeSync(fd, encodeFrame(m, "lz4"));
  writeSync(fd, END_MARKER);
  closeSync(fd);
  return path;
}

/** Times our load of the file at `path` against LZ4 decompression alone (ours, lz4-napi) of its blocks. */
function load(path: string, units: (b: { size: number; count: number }) => number, unit: string, target: Target) {
  const bytes = new Uint8Array(readFileSync(path));
  const blocks: number[] = [];
  let size = 0, max = 0;
  const count = walkFrames(bytes, (_, start, length, n) => {
    blocks.push(start, length);
    size += n;
    max = Math.max(max, n);
  });
  const u = units({ size, count });
  const dst = new Uint8Array(max);
  const [ours, lz4, napi] = rates(u, [
    () => decodeAll([bytes], { feed: FEED, store: true }),
    () => {
      for (let i = 0; i < blocks.length; i += 2) lz4Decompress(bytes.subarray(blocks[i]!, blocks[i]! + blocks[i + 1]!), dst);
    },
    // The 4 bytes before each block are its decompressed size (u32 LE): exactly lz4-napi's size-prefixed input.
    () => {
      for (let i = 0; i < blocks.length; i += 2) uncompressSync(bytes.subarray(blocks[i]! - 4, blocks[i]! + blocks[i + 1]!));
    },
  ]);
  const row = (scenario: string, anchor: Stat, name: string, t: Target | null): Row => ({
    scenario, ours: { ...ours!, unit }, anchor: { ...anchor, unit, name }, target: t,
  });
  return {
    bytes: bytes.length,
    size,
    rows: (scenario: string) => [row(scenario, lz4!, "LZ4 decompress alone (store/lz4.ts)", target), row(scenario, napi!, "LZ4 decompress alone (lz4-napi)", null)],
  };
}
