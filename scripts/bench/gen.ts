/** Seeded, realistic benchmark data: real Rerun 0.22 chunks (Points3D, Scalar) built with store/build.ts, and their `LogMsg`s. */
import { F32, F64, fsl, U32 } from "../../store/arrow/make.ts";
import type { ArrayData, DataType } from "../../store/arrow/types.ts";
import { type Batch, chunkBuilder, descriptor, timeNs } from "../../store/build.ts";
import type { Chunk } from "../../store/chunk.ts";
import type { ArrowMsg, LogMsg, StoreId, Tuid } from "../../store/logmsg.ts";
import { chunkTimepointMax, chunkToIpc } from "../../store/transport.ts";

const STORE: StoreId = { kind: "Recording", id: "bench-0b5e6d2f" };
const POS = fsl(3, F32);
/** 2025-03-11 in ns since the epoch: far above 2^53. */
const T0 = 1_741_723_087_156_534_000n;

/** mulberry32: a seeded PRNG of floats in [0, 1). */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded source of chunks: row ids and chunk ids are TUIDs (ns clock + random-start counter) as an SDK makes them. */
export class Gen {
  readonly rnd: () => number;
  private timeNs = T0;
  private inc: bigint;
  private frame = 0;

  constructor(seed: number) {
    this.rnd = rng(seed);
    this.inc = BigInt(Math.floor(this.rnd() * 2 ** 31)) << 31n;
  }

  /** A standard normal sample. */
  gauss(): number {
    return Math.sqrt(-2 * Math.log(1 - this.rnd())) * Math.cos(2 * Math.PI * this.rnd());
  }

  /** The next TUID: a few µs later, counter + 1. */
  tuid(): Tuid {
    this.timeNs += BigInt(1000 + Math.floor(this.rnd() * 9000));
    this.inc += 1n;
    return { timeNs: this.timeNs, inc: this.inc };
  }

  /** A Points3D chunk of `rows` rows (frames) of `points` noisy float32 points each, with colors and radii. */
  points(entityPath: string, points: number, rows = 1): Chunk {
    return this.chunk(entityPath, rows, () => {
      const xyz = new Float32Array(points * 3), colors = new Uint32Array(points), radii = new Float32Array(points);
      const phase = this.rnd() * 2 * Math.PI;
      for (let i = 0; i < points; i++) {
        // A lidar-like sweep: range to a wavy wall, plus sensor noise.
        const a = phase + i * (2 * Math.PI / points), e = Math.sin(phase + i * 0.618) * 0.4;
        const r = 5 + Math.sin(a * 7) + this.gauss() * 0.02;
        xyz[3 * i] = r * Math.cos(a) * Math.cos(e);
        xyz[3 * i + 1] = r * Math.sin(a) * Math.cos(e);
        xyz[3 * i + 2] = r * Math.sin(e);
        const g = Math.min(255, Math.max(0, Math.round(127 + 100 * e + this.gauss() * 8)));
        colors[i] = (((255 - g) << 24) | (g << 16) | (128 << 8) | 255) >>> 0;
        radii[i] = 0.02 + Math.round(this.rnd() * 4) * 0.005;
      }
      return [
        points3d("positions", "Position3D", arr(POS, points, { children: [arr(F32, points * 3, { values: xyz })] })),
        points3d("colors", "Color", arr(U32, points, { values: colors })),
        points3d("radii", "Radius", arr(F32, points, { values: radii })),
      ];
    });
  }

  /** A one-row Scalar chunk. */
  scalar(entityPath: string): Chunk {
    return this.chunk(entityPath, 1, () => {
      const v = Float64Array.of(Math.sin(this.frame / 50) + this.gauss() * 0.1);
      return [{ descriptor: descriptor("rerun.components.Scalar", "rerun.archetypes.Scalar", "scalar"), array: arr(F64, 1, { values: v }) }];
    });
  }

  /** The ArrowMsg carrying `chunk`. */
  msg(chunk: Chunk): ArrowMsg {
    return { kind: "ArrowMsg", storeId: STORE, chunkId: chunk.id, timepointMax: chunkTimepointMax(chunk), ipc: chunkToIpc(chunk) };
  }

  /** `count` one-row messages, alternately 1 point and 1 scalar, round-robin over `entities` entities. */
  *tiny(count: number, entities: number): Generator<LogMsg> {
    for (let i = 0; i < count; i++) {
      const e = i % entities;
      yield this.msg(i % 2 === 0 ? this.points(`/robots/r${e}/tip`, 1) : this.scalar(`/robots/r${e}/load`));
    }
  }

  /** A chunk of `rows` rows on timelines frame, log_tick (Int64) and log_time (Timestamp ns), each row's batches from `row`. */
  private chunk(entityPath: string, rows: number, row: () => Batch[]): Chunk {
    const b = chunkBuilder(entityPath);
    for (let i = 0; i < rows; i++) {
      const id = this.tuid(), f = this.frame++;
      b.row({ frame: f, log_tick: f * 3, log_time: timeNs(id.timeNs) }, row(), id);
    }
    return b.build(this.tuid());
  }
}

function points3d(field: string, component: string, array: ArrayData): Batch {
  return { descriptor: descriptor(`rerun.components.${component}`, "rerun.archetypes.Points3D", field), array };
}

function arr(type: DataType, length: number, rest: Partial<ArrayData>): ArrayData {
  return { type, length, nullCount: 0, validity: null, offsets: null, values: null, typeIds: null, children: [], ...rest };
}
