/** Small synthetic recordings for the web tests, built with store/build.ts (each chunk as its ArrowMsg). */
import { F32, F64, fsl, UTF8, BOOL } from "../../store/arrow/make.ts";
import { batch, chunkBuilder, descriptor } from "../../store/build.ts";
import type { Chunk } from "../../store/chunk.ts";
import { chunkMsg } from "../../store/chunk-msg.ts";
import type { LogMsg, SetStoreInfo, StoreId } from "../../store/logmsg.ts";
import { newTuid } from "../../store/tuid.ts";

export const SCALAR = descriptor("rerun.components.Scalar", "rerun.archetypes.Scalar", "scalar");
export const POSITION = descriptor("rerun.components.Position3D", "rerun.archetypes.Points3D", "positions");
export const TEXT = descriptor("rerun.components.Text", "rerun.archetypes.TextDocument", "text");
export const CLEAR = descriptor("rerun.components.ClearIsRecursive", "rerun.archetypes.Clear", "is_recursive");

/** A recording (or blueprint) store id. */
export const recording = (id: string): StoreId => ({ kind: "Recording", id });

/** The SetStoreInfo of a store. */
export function storeInfo(storeId: StoreId, applicationId = "web-test"): SetStoreInfo {
  return {
    kind: "SetStoreInfo",
    rowId: newTuid(),
    info: { applicationId, storeId, clonedFrom: null, isOfficialExample: false, started: 1_741_723_087_156_534_000n, storeSource: { kind: "Unknown" } },
  };
}

/** The store info and one ArrowMsg per chunk. */
export function messages(storeId: StoreId, chunks: Chunk[]): LogMsg[] {
  return [storeInfo(storeId), ...chunks.map((c) => chunkMsg(storeId, c))];
}

/** The value of `/plot/sine` at frame `i`. */
export const sine = (i: number): number => Math.sin(i / 7) * 10 + (i % 13 === 0 ? 50 : 0);

/**
 * A small recording: `/plot/sine` (Scalar on `frame` 0..frames-1, 10 rows per chunk), `/world/text`
 * (static Text), `/world/points` (Position3D at frames 0, 10, 20, then cleared by a recursive Clear on
 * `/world` at frame 30).
 */
export function smallRecording(frames = 100): Chunk[] {
  const out: Chunk[] = [];
  for (let start = 0; start < frames; start += 10) {
    const b = chunkBuilder("/plot/sine");
    for (let i = start; i < Math.min(frames, start + 10); i++) b.row({ frame: i }, [batch(SCALAR, F64, [sine(i)])]);
    out.push(b.build());
  }
  out.push(chunkBuilder("/world/text").row({}, [batch(TEXT, UTF8, ["hello"])]).build());
  const pts = chunkBuilder("/world/points");
  for (const f of [0, 10, 20]) pts.row({ frame: f }, [batch(POSITION, fsl(3, F32), [[f, f + 1, f + 2]])]);
  out.push(pts.build());
  out.push(chunkBuilder("/world").row({ frame: 30 }, [batch(CLEAR, BOOL, [true])]).build());
  return out;
}

/** A large recording: `/big` with one Scalar row per frame over `frames` frames, `rowsPerChunk` rows per chunk. */
export function bigRecording(frames: number, rowsPerChunk: number): Chunk[] {
  const out: Chunk[] = [];
  for (let start = 0; start < frames; start += rowsPerChunk) {
    const b = chunkBuilder("/big");
    for (let i = start; i < Math.min(frames, start + rowsPerChunk); i++) b.row({ frame: i }, [batch(SCALAR, F64, [i])]);
    out.push(b.build());
  }
  return out;
}
