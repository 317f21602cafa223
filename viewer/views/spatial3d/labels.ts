/** HTML labels over the 3D canvas, positioned by projecting their world anchors each frame. */
import { type Camera, Vector3 } from "three";
import type { Label } from "./types.ts";

const MAX_LABELS = 300;

/** Keeps a pool of label elements inside `overlay`. */
export class LabelLayer {
  private readonly pool: HTMLElement[] = [];

  constructor(private readonly overlay: HTMLElement) {}

  /** Places `labels` for `camera` on a canvas of `width`×`height` CSS pixels. */
  place(labels: readonly Label[], camera: Camera, width: number, height: number): void {
    const v = new Vector3();
    let used = 0;
    for (const l of labels) {
      if (used >= MAX_LABELS) break;
      v.set(l.x, l.y, l.z).project(camera);
      if (v.z < -1 || v.z > 1 || Math.abs(v.x) > 1.1 || Math.abs(v.y) > 1.1) continue;
      const el = this.pool[used] ?? this.overlay.appendChild(Object.assign(document.createElement("div"), { className: "label3d" }));
      this.pool[used++] = el;
      if (el.textContent !== l.text) el.textContent = l.text;
      el.style.borderColor = l.color;
      el.style.transform = `translate(${((v.x + 1) / 2) * width}px, ${((1 - v.y) / 2) * height}px) translate(-50%, -130%)`;
      el.style.display = "";
    }
    for (let i = used; i < this.pool.length; i++) this.pool[i]!.style.display = "none";
  }
}
