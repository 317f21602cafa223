/**
 * The recordings of the viewer benchmark, written with our SDK (`rr.newRecording(…).save(path)`) into
 * a temporary directory: a dense point cloud, many long scalar series, and a large recording of point
 * clouds and camera images over many frames (about 2 GiB at full size; never committed).
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import * as rr from "../../../sdk/index.ts";
import { noisyCloud, prng } from "./cloud.ts";

/** Writes `log(rec)` to `path` as an .rrd with our SDK; returns the file size. */
async function write(path: string, app: string, log: (rec: rr.RecordingStream) => void | Promise<void>): Promise<number> {
  const rec = rr.newRecording(app);
  rec.save(path);
  await log(rec);
  await rec.disconnect();
  return statSync(path).size;
}

/** One Points3D of `points` noisy float32 points with colors, on `frame` 0 (plus a static view coordinate). */
export function writeCloud(dir: string, points: number): Promise<{ path: string; bytes: number }> {
  const path = join(dir, `cloud-${points}.rrd`);
  return write(path, "bench_viewer_cloud", (rec) => {
    rec.log("world", rr.ViewCoordinates.RIGHT_HAND_Z_UP, { static: true });
    rec.setTimeSequence("frame", 0);
    const { positions, colors } = noisyCloud(points, 1);
    rec.log("world/cloud", new rr.Points3D(positions, { colors }));
  }).then((bytes) => ({ path, bytes }));
}

/** `series` Scalar entities of `samples` samples each on the `step` timeline (sendColumns), one time-series view. */
export function writeScalars(dir: string, series: number, samples: number): Promise<{ path: string; bytes: number }> {
  const path = join(dir, `scalars-${series}x${samples}.rrd`);
  return write(path, "bench_viewer_scalars", (rec) => {
    const steps = new Int32Array(samples).map((_, i) => i);
    const rnd = prng(2);
    for (let s = 0; s < series; s++) {
      const values = new Float64Array(samples);
      let walk = 0;
      for (let i = 0; i < samples; i++) {
        walk += rnd() - 0.5;
        values[i] = Math.sin(i / (500 + 37 * s) + s) * 10 + walk * 0.1 + s;
      }
      rec.sendColumns(`plots/series${String(s).padStart(2, "0")}`, [new rr.TimeSequenceColumn("step", steps)], rr.Scalar.columns({ scalar: values }));
    }
  }).then((bytes) => ({ path, bytes }));
}

/** What one frame of the large recording holds. */
export const BIG_FRAME = { points: 100_000, width: 640, height: 480 };

/**
 * Frames of a 100 k-point noisy cloud and a 640×480 RGB camera image (noise over a moving gradient,
 * so LZ4 cannot shrink it much), until the file reaches `until.bytes` or `until.frames` frames were
 * written (checked every 8 frames); application id `bench_viewer_<name>`.
 */
export async function writeFrames(dir: string, name: string, until: { bytes?: number; frames?: number }): Promise<{ path: string; bytes: number; frames: number }> {
  const path = join(dir, `${name}.rrd`);
  const { points, width, height } = BIG_FRAME;
  let frames = 0;
  const bytes = await write(path, `bench_viewer_${name}`, async (rec) => {
    rec.log("world", rr.ViewCoordinates.RIGHT_HAND_Z_UP, { static: true });
    const image = new Uint8Array(width * height * 3), noise = new Uint32Array(image.buffer, 0, image.length >> 2);
    let seed = 7;
    for (;;) {
      rec.setTimeSequence("frame", frames);
      const { positions, colors } = noisyCloud(points, 100 + frames);
      for (let i = 0; i < positions.length; i += 3) positions[i + 2]! += Math.sin(frames / 10 + positions[i]!) * 0.3;
      rec.log("world/lidar", new rr.Points3D(positions, { colors }));
      for (let i = 0; i < noise.length; i++) {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        noise[i] = seed;
      }
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const o = 3 * (y * width + x);
          image[o] = ((image[o]! & 63) + ((x + frames * 8) & 255) * 0.75) | 0;
          image[o + 1] = ((image[o + 1]! & 63) + (y & 255) * 0.75) | 0;
          image[o + 2] = ((image[o + 2]! & 63) + ((frames * 16) & 255) * 0.75) | 0;
        }
      }
      rec.log("camera/image", new rr.Image({ data: image, shape: [height, width, 3] }));
      frames++;
      if (until.frames !== undefined && frames >= until.frames) break;
      if (until.bytes !== undefined && frames % 8 === 0) {
        await rec.flush({ blocking: true });
        if (statSync(path).size >= until.bytes) break;
      }
    }
  });
  return { path, bytes, frames };
}
