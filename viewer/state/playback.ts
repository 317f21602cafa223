/**
 * Time cursor control: playing (real time × speed on nanosecond timelines, `fps` × speed on
 * sequence timelines), looping, stepping between data times, jumping to the ends.
 */
import { currentTimeline } from "./derived.ts";
import { get, set, subscribe } from "./store.ts";

let frame = 0, last = 0, carry = 0;

function tick(now: number): void {
  frame = 0;
  const s = get(), tl = currentTimeline();
  if (!s.playing || !tl) return;
  const dt = Math.min(0.25, (now - last) / 1000);
  last = now;
  carry += tl.type === "Time" ? dt * 1e9 * s.speed : dt * s.fps * s.speed;
  const step = BigInt(Math.floor(carry));
  carry -= Number(step);
  let t = s.time + step;
  if (t > tl.max) {
    if (s.loop && tl.max > tl.min) t = tl.min;
    else {
      set({ time: tl.max, playing: false, follow: true });
      return;
    }
  }
  if (step !== 0n) set({ time: t < tl.min ? tl.min : t });
  frame = requestAnimationFrame(tick);
}

/** Starts the play loop whenever `playing` turns on. */
export function startPlayback(): void {
  subscribe(["playing"], () => {
    if (!get().playing || frame) return;
    const s = get(), tl = currentTimeline();
    if (tl && s.time >= tl.max) set({ time: tl.min });
    set({ follow: false });
    last = performance.now();
    carry = 0;
    frame = requestAnimationFrame(tick);
  });
}

/** Toggles play/pause. */
export function togglePlay(): void {
  set({ playing: !get().playing });
}

/** Moves the cursor to the next (`dir` 1) or previous (-1) time with data, or by one unit. */
export function step(dir: 1 | -1): void {
  const s = get(), tl = currentTimeline();
  if (!tl) return;
  const all = s.dataTimes?.timeline === tl.name ? s.dataTimes.all : null;
  let t: bigint | undefined;
  if (all && all.length) {
    if (dir > 0) t = all.find((x) => x > s.time) ?? (s.loop ? all[0] : all[all.length - 1]);
    else t = [...all].reverse().find((x) => x < s.time) ?? (s.loop ? all[all.length - 1] : all[0]);
  } else {
    const unit = tl.type === "Sequence" ? 1n : (tl.max - tl.min) / 100n || 1n;
    t = s.time + unit * BigInt(dir);
    if (t > tl.max) t = s.loop ? tl.min : tl.max;
    if (t < tl.min) t = s.loop ? tl.max : tl.min;
  }
  set({ time: t!, playing: false, follow: t === tl.max });
}

/** Jumps to the start or the end of the timeline (the end turns follow mode on). */
export function jump(to: "start" | "end"): void {
  const tl = currentTimeline();
  if (tl) set({ time: to === "start" ? tl.min : tl.max, follow: to === "end", playing: false });
}
