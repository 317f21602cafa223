/** Image (raw RGB and grayscale pixels) and EncodedImage (PNG bytes). `bun sdk/examples/images.ts --save images.rrd` */
import * as rr from "../index.ts";
import { start } from "./sink.ts";

start("rerun_example_ts_images");
const [w, h] = [64, 48];
for (let frame = 0; frame < 3; frame++) {
  rr.setTimeSequence("frame", frame);
  const rgb = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgb.set([(x * 4 + frame * 40) & 255, y * 5, 128], 3 * (y * w + x));
  rr.log("rgb", new rr.Image({ data: rgb, shape: [h, w, 3] }));
  rr.log("gray", new rr.Image({ data: new Float32Array(w * h).fill(frame / 3), shape: [h, w] }));
}
// A 1×1 red PNG.
const png = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"), (c) => c.charCodeAt(0));
rr.log("png", new rr.EncodedImage({ contents: png, mediaType: rr.MediaType.PNG }), { static: true });
