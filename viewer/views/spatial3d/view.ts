/**
 * The 3D view: three.js scene of the view's entities at the time cursor, posed by the Transform3D
 * hierarchy, with an orbit camera (drag rotate, right-drag pan, wheel zoom, double-click reset),
 * a grid perpendicular to the up axis, labels, hover and selection of entities and instances.
 */
import { AmbientLight, Box3, Color, DirectionalLight, type GridHelper, Group, PerspectiveCamera, Scene, Vector3, WebGLRenderer } from "three";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
import type { EntityRow } from "../../data/cells.ts";
import { numbers } from "../../data/cells.ts";
import { C } from "../../data/names.ts";
import { get, type Selection, set, subscribe, type ViewSpec } from "../../state/store.ts";
import { h } from "../../ui/dom.ts";
import { frameDrawer, onResize } from "../../ui/redraw.ts";
import { hideTooltip, showTooltip } from "../../ui/tooltip.ts";
import type { ViewInstance } from "../registry.ts";
import { type Contexts } from "../shared/appearance.ts";
import { hoverOn, leaveView, pickedLines } from "../shared/hover.ts";
import { viewInstance } from "../shared/instance.ts";
import { visualizations, watchScene } from "../shared/scene.ts";
import { defaultEye, rightVector } from "./camera.ts";
import { groundGrid } from "./grid.ts";
import { LabelLayer } from "./labels.ts";
import { rings } from "./ring.ts";
import { softwareWebGL } from "./software.ts";
import { pickNearest } from "./picking.ts";
import type { Drawn, Overlay } from "./types.ts";
import { upVector } from "./view-coordinates.ts";
import { VISUALIZERS_3D } from "./visualizers.ts";
import { worldTransforms } from "./transforms.ts";

const COMPONENTS = [...new Set([...VISUALIZERS_3D.flatMap((v) => v.components), C.ViewCoordinates])];
const BACKGROUND = 0x141719;
/** Instances ringed when a whole entity is selected. */
const MAX_RINGS = 1000;

interface Item {
  path: string;
  drawn: Drawn;
}

/** A 3D view in `el` showing `spec`. */
export function create3dView(el: HTMLElement, initial: ViewSpec): ViewInstance {
  let spec = initial;
  const canvas = h("canvas", { class: "view-canvas", tabindex: 0, "aria-label": `3D view ${spec.title}` });
  const overlay = h("div", { class: "label-layer" });
  el.append(canvas, overlay);
  const renderer = new WebGLRenderer({ canvas, antialias: !softwareWebGL(), preserveDrawingBuffer: true });
  renderer.setPixelRatio(window.devicePixelRatio || 1);
  const scene = new Scene();
  scene.background = new Color(BACKGROUND);
  const camera = new PerspectiveCamera(55, 1, 0.01, 1000);
  const light = new DirectionalLight(0xffffff, 2.2);
  camera.add(light);
  scene.add(camera, new AmbientLight(0xffffff, 0.9));
  const content = new Group();
  scene.add(content);
  const labels = new LabelLayer(overlay);
  let controls: OrbitControls | null = null;
  let grid: GridHelper | null = null;
  let items: Item[] = [];
  let overlays: (Overlay & { update?(camera: PerspectiveCamera, heightPx: number): void })[] = [];
  let rows: ReadonlyMap<string, EntityRow> = new Map();
  let contexts: Contexts = new Map();
  let bounds = new Box3();
  let up = new Vector3(0, 0, 1), right = new Vector3(1, 0, 0);
  let fitted = false, disposed = false;

  const size = () => ({ w: canvas.clientWidth || 1, h: canvas.clientHeight || 1 });
  const { invalidate, cancel } = frameDrawer(render);
  /** `rebuild` for visualizers whose data arrives later (one function per view; nothing once the view is gone). */
  const rebuildLater = () => void (disposed || rebuild());

  function render(): void {
    const { w, h: ht } = size();
    renderer.setSize(w, ht, false);
    camera.aspect = w / ht;
    camera.updateProjectionMatrix();
    for (const it of items) it.drawn.beforeRender?.(camera, ht);
    for (const o of overlays) o.update?.(camera, ht);
    renderer.render(scene, camera);
    labels.place(items.flatMap((it) => it.drawn.labels), camera, w, ht);
  }

  function makeControls(): void {
    const target = controls?.target.clone();
    controls?.dispose();
    camera.up.copy(up);
    controls = new OrbitControls(camera, canvas);
    if (target) controls.target.copy(target);
    controls.addEventListener("change", invalidate);
    controls.addEventListener("start", () => (fitted = true));
  }

  function resetCamera(): void {
    controls!.target.copy(defaultEye(camera, bounds, up, right));
    controls!.update();
    invalidate();
  }

  function rebuild(): void {
    for (const it of items) it.drawn.dispose();
    content.clear();
    items = [];
    const world = worldTransforms(rows, spec.origin);
    const coords = rows.get(spec.origin)?.cells.get(C.ViewCoordinates);
    const xyz = coords ? numbers(coords) : null;
    const newUp = upVector(xyz);
    right = rightVector(xyz);
    const sceneSize = bounds.isEmpty() ? 1 : bounds.getSize(new Vector3()).length();
    const next = new Box3();
    for (const { path, row, vis } of visualizations(spec.entities, rows, VISUALIZERS_3D)) {
      const drawn = vis.draw(row, { contexts, rows, invalidate, rebuild: rebuildLater, world: world(path), sceneSize });
      if (!drawn) continue;
      items.push({ path, drawn });
      content.add(drawn.object);
      if (vis.archetype !== "Transform3D") next.union(drawn.bounds);
    }
    if (!next.isEmpty()) bounds = next;
    if (!controls || !newUp.equals(up)) {
      up = newUp;
      makeControls();
    }
    updateGrid();
    if (!fitted && !bounds.isEmpty()) {
      fitted = true;
      resetCamera();
    }
    updateRings();
    invalidate();
  }

  function updateGrid(): void {
    if (grid) {
      scene.remove(grid);
      grid.geometry.dispose();
    }
    grid = groundGrid(bounds, up);
    scene.add(grid);
  }

  /** Rings the selected instance (or every instance of a selected entity, up to a limit) and the hovered one; highlights shapes without rings. */
  function updateRings(): void {
    for (const o of overlays) {
      scene.remove(o.object);
      o.dispose();
    }
    overlays = [];
    const s = get();
    const add = (sel: Selection | null, color: [number, number, number]) => {
      if (!sel) return;
      const anchors: { position: Vector3; radius: number }[] = [];
      for (const it of items) {
        if (it.path !== sel.path) continue;
        const highlight = it.drawn.highlight?.(sel.instance, color);
        if (highlight) overlays.push(highlight);
        if (!it.drawn.anchor) continue;
        if (sel.instance !== null) {
          const a = it.drawn.anchor(sel.instance);
          if (a) anchors.push(a);
        } else {
          for (let i = 0, a = it.drawn.anchor(0); a && i < MAX_RINGS; a = it.drawn.anchor(++i)) anchors.push(a);
        }
      }
      if (anchors.length > 0) overlays.push(rings(anchors, color));
    };
    add(s.selection, [1, 1, 1]);
    if (s.hover?.viewId === spec.id) add(s.hover, [0.6, 0.8, 1]);
    for (const o of overlays) scene.add(o.object);
    invalidate();
  }

  function pickAt(ev: MouseEvent): Selection | null {
    const hit = pickNearest(items, camera, canvas, ev.clientX, ev.clientY);
    return hit && { ...hit, viewId: spec.id };
  }

  let down: { x: number; y: number } | null = null;
  canvas.addEventListener("pointerdown", (ev) => (down = { x: ev.clientX, y: ev.clientY }));
  canvas.addEventListener("pointerup", (ev) => {
    if (down && Math.hypot(ev.clientX - down.x, ev.clientY - down.y) < 4 && ev.button === 0) set({ selection: pickAt(ev) });
    down = null;
  });
  canvas.addEventListener("pointermove", (ev) => {
    if (ev.buttons) return;
    const hit = pickAt(ev);
    hoverOn(hit);
    if (hit) showTooltip(ev.clientX, ev.clientY, pickedLines(hit.path, hit.instance));
    else hideTooltip();
  });
  canvas.addEventListener("pointerleave", () => leaveView(spec.id));
  canvas.addEventListener("dblclick", () => {
    fitted = true;
    resetCamera();
  });

  const sceneData = watchScene(() => ({ entity: spec.origin, components: COMPONENTS }), (r, c) => {
    rows = r;
    contexts = c;
    rebuild();
  });
  const teardown = [cancel, sceneData.stop, subscribe(["hidden", "entities"], rebuild), subscribe(["selection", "hover"], updateRings), onResize(el, invalidate)];
  makeControls();
  updateGrid();
  invalidate();

  return viewInstance(el, (next) => (spec = next), sceneData.refresh, [...teardown, () => {
    disposed = true;
    for (const it of items) it.drawn.dispose();
    controls?.dispose();
    renderer.dispose();
  }]);
}
