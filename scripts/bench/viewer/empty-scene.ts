/**
 * The anchor pages of the frame-time figures (bundled for the browser by anchor.ts): an empty three.js
 * scene rendered as our 3D view renders (WebGLRenderer with the same context options, background,
 * camera, OrbitControls, one render per animation frame when the camera changed) on a canvas of the
 * same size. With `#points=N` it also holds the benchmark's N-point cloud as bare three.js `Points`
 * (PointsMaterial, 3-px squares, vertex colors): the floor any three.js viewer pays for that cloud.
 */
import { BufferAttribute, BufferGeometry, Color, PerspectiveCamera, Points, PointsMaterial, Scene, Vector3, WebGLRenderer } from "three";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
import { noisyCloud } from "./cloud.ts";

const params = new URLSearchParams(location.hash.slice(1));
const canvas = document.querySelector("canvas")!;
const renderer = new WebGLRenderer({ canvas, antialias: params.get("aa") !== "0", preserveDrawingBuffer: params.get("pdb") !== "0" });
renderer.setPixelRatio(window.devicePixelRatio || 1);
const scene = new Scene();
scene.background = new Color(0x141719);
const camera = new PerspectiveCamera(55, 1, 0.01, 1000);
camera.up.set(0, 0, 1);
camera.position.set(-2, -11, 5);
camera.lookAt(new Vector3());
scene.add(camera);
const n = Number(params.get("points") ?? 0);
if (n > 0) {
  const { positions, colors } = noisyCloud(n, 1);
  const geometry = new BufferGeometry();
  geometry.setAttribute("position", new BufferAttribute(positions, 3));
  geometry.setAttribute("color", new BufferAttribute(colors, 3, true));
  scene.add(new Points(geometry, new PointsMaterial({ size: 3, sizeAttenuation: false, vertexColors: true })));
}
const controls = new OrbitControls(camera, canvas);
let frame = 0;
function render(): void {
  frame = 0;
  const w = canvas.clientWidth || 1, h = canvas.clientHeight || 1;
  renderer.setSize(w, h, false);
  camera.aspect = w / h;
  camera.updateProjectionMatrix();
  renderer.render(scene, camera);
}
const invalidate = () => void (frame ||= requestAnimationFrame(render));
controls.addEventListener("change", invalidate);
new ResizeObserver(invalidate).observe(canvas);
invalidate();
