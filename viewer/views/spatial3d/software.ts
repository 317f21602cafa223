/**
 * Whether the browser rasterises WebGL in software (SwiftShader, llvmpipe, a basic render driver):
 * there 4× multisampling makes every frame about 3× slower (a 1 M-point cloud: ~2.8 s instead of
 * ~0.8 s per frame with SwiftShader), so the 3D view renders without it.
 */
let software: boolean | null = null;

export function softwareWebGL(): boolean {
  if (software !== null) return software;
  const gl = document.createElement("canvas").getContext("webgl2");
  const info = gl?.getExtension("WEBGL_debug_renderer_info");
  const name = gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : "";
  gl?.getExtension("WEBGL_lose_context")?.loseContext();
  return (software = /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name));
}
