/** Transform3D hierarchy, InstancePoses3D, ViewCoordinates and a Pinhole camera. `bun sdk/examples/transforms.ts --save transforms.rrd` */
import * as rr from "../index.ts";
import { start } from "./sink.ts";

start("rerun_example_ts_transforms");
rr.log("world", rr.ViewCoordinates.RIGHT_HAND_Z_UP, { static: true });
for (let frame = 0; frame < 8; frame++) {
  rr.setTimeSequence("frame", frame);
  rr.log("world/sun/planet", new rr.Transform3D({ translation: [3, 0, 0], rotation: { axis: [0, 0, 1], degrees: frame * 45 } }));
  rr.log("world/sun/planet/moon", new rr.Transform3D({ translation: [1, 0, 0], scale: 0.5 }));
  rr.log("world/sun/planet/moon/rock", new rr.Points3D([[0, 0, 0]], { radii: 0.2 }));
  rr.log("world/copies", new rr.InstancePoses3D({ translations: [[0, 0, 0], [0, 2, 0], [0, 4, 0]] }), new rr.Boxes3D({ halfSizes: [[0.5, 0.5, 0.5]] }));
}
rr.log("world/camera", new rr.Transform3D({ translation: [0, -5, 2] }), { static: true });
rr.log("world/camera/image", new rr.Pinhole({ focalLength: 300, width: 640, height: 480, cameraXyz: "RDF" }), { static: true });
