/** Mesh3D (a colored tetrahedron) and Asset3D (an OBJ file's bytes). `bun sdk/examples/meshes.ts --save meshes.rrd` */
import * as rr from "../index.ts";
import { start } from "./sink.ts";

start("rerun_example_ts_meshes");
rr.setTimeSequence("frame", 0);
rr.log("tetrahedron", new rr.Mesh3D({
  vertexPositions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]),
  triangleIndices: new Uint32Array([0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3]),
  vertexColors: new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0]),
}));
const obj = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n";
rr.log("asset", new rr.Asset3D({ contents: new TextEncoder().encode(obj), mediaType: rr.MediaType.OBJ }), { static: true });
rr.setTimeSequence("frame", 1);
rr.log("tetrahedron", rr.Mesh3D.fromFields({ albedoFactor: [0, 255, 255] }));
