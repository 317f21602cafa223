/** Seeded, realistic benchmark data: real Rerun 0.22 chunks (Points3D, Scalar) and their `LogMsg`s. */
import type { ArrayData, DataType, Field } from "../../store/arrow/types.ts";
import type { Chunk, ComponentColumn, TimeColumn } from "../../store/chunk.ts";
import type { ArrowMsg, LogMsg, StoreId, Tuid } from "../../store/logmsg.ts";
import { chunkTimepointMax, chunkToIpc } from "../../store/transport.ts";

const STORE: StoreId = { kind: "Recording", id: "bench-0b5e6d2f" };
const U64: DataType = { kind: "int", bits: 64, signed: false };
const I64: DataType = { kind: "int", bits: 64, signed: true };
const F32: DataType = { kind: "float", bits: 32 };
const F64: DataType = { kind: "float", bits: 64 };
const U32: DataType = { kind: "int", bits: 32, signed: false };
const NS: DataType = { kind: "timestamp", unit: "ns", tz: null };
const POS: DataType = { kind: "fixed_size_list", size: 3, child: field("item", F32, false) };
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
  private frame = 0n;

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
    const n = points * rows;
    const xyz = new Float32Array(n * 3);
    const colors = new Uint32Array(n);
    const radii = new Float32Array(n);
    const phase = this.rnd() * 2 * Math.PI;
    for (let i = 0; i < n; i++) {
      // A lidar-like sweep: range to a wavy wall, plus sensor noise.
      const a = phase + (i % points) * (2 * Math.PI / points), e = Math.sin(phase + i * 0.618) * 0.4;
      const r = 5 + Math.sin(a * 7) + this.gauss() * 0.02;
      xyz[3 * i] = r * Math.cos(a) * Math.cos(e);
      xyz[3 * i + 1] = r * Math.sin(a) * Math.cos(e);
      xyz[3 * i + 2] = r * Math.sin(e);
      const g = Math.min(255, Math.max(0, Math.round(127 + 100 * e + this.gauss() * 8)));
      colors[i] = ((255 - g) << 24 | g << 16 | 128 << 8 | 255) >>> 0;
      radii[i] = 0.02 + Math.round(this.rnd() * 4) * 0.005;
    }
    return this.chunk(entityPath, rows, [
      component("Points3D", "positions", "Position3D", listOf(POS, points, rows, fixedList(xyz, n))),
      component("Points3D", "colors", "Color", listOf(U32, points, rows, prim(U32, colors))),
      component("Points3D", "radii", "Radius", listOf(F32, points, rows, prim(F32, radii))),
    ]);
  }

  /** A one-row Scalar chunk. */
  scalar(entityPath: string): Chunk {
    const v = Float64Array.of(Math.sin(Number(this.frame) / 50) + this.gauss() * 0.1);
    return this.chunk(entityPath, 1, [component("Scalar", "scalar", "Scalar", listOf(F64, 1, 1, prim(F64, v)))]);
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

  /** Row ids, timelines frame / log_tick (Int64) and log_time (Timestamp ns) for `rows` new rows. */
  private chunk(entityPath: string, rows: number, components: ComponentColumn[]): Chunk {
    const ids = Array.from({ length: rows }, () => this.tuid());
    const frame = BigInt64Array.from(ids, () => this.frame++);
    return {
      id: this.tuid(),
      entityPath,
      isSorted: true,
      numRows: rows,
      rowIdTimeNs: BigUint64Array.from(ids, (t) => t.timeNs),
      rowIdInc: BigUint64Array.from(ids, (t) => t.inc),
      timelines: [
        timeline("frame", I64, frame),
        timeline("log_tick", I64, frame.map((f) => f * 3n)),
        timeline("log_time", NS, BigInt64Array.from(ids, (t) => BigInt.asIntN(64, t.timeNs))),
      ],
      components,
      rowIdField: field("rerun.controls.RowId", { kind: "struct", children: [field("time_ns", U64, false), field("inc", U64, false)] }, false, {
        "rerun.kind": "control",
      }),
      schemaMetadata: new Map(),
    };
  }
}

function field(name: string, type: DataType, nullable: boolean, meta: Record<string, string> = {}): Field {
  return { name, type, nullable, metadata: new Map(Object.entries(meta)) };
}

function timeline(name: string, type: DataType, values: BigInt64Array): TimeColumn {
  return { name, type: type.kind === "int" ? "Sequence" : "Time", values, sorted: true, field: field(name, type, false, { "rerun.is_sorted": "", "rerun.kind": "time" }) };
}

function component(archetype: string, archetypeField: string, name: string, data: ArrayData): ComponentColumn {
  const arch = `rerun.archetypes.${archetype}`, comp = `rerun.components.${name}`;
  return {
    descriptor: { component: comp, archetype: arch, archetypeField },
    itemType: (data.type as { child: Field }).child.type,
    data,
    field: field(comp, data.type, true, { "rerun.archetype_field_name": archetypeField, "rerun.archetype_name": arch, "rerun.kind": "data" }),
  };
}

function arr(type: DataType, length: number, rest: Partial<ArrayData>): ArrayData {
  return { type, length, nullCount: 0, validity: null, offsets: null, values: null, typeIds: null, children: [], ...rest };
}

function prim(type: DataType, values: Float32Array | Float64Array | Uint32Array): ArrayData {
  return arr(type, values.length, { values });
}

function fixedList(xyz: Float32Array, n: number): ArrayData {
  return arr(POS, n, { children: [prim(F32, xyz)] });
}

/** A List column of `rows` rows holding `per` items each. */
function listOf(item: DataType, per: number, rows: number, child: ArrayData): ArrayData {
  return arr({ kind: "list", child: field("item", item, true) }, rows, { offsets: Int32Array.from({ length: rows + 1 }, (_, i) => i * per), children: [child] });
}
