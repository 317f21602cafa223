/** Saves to argv[2], logs frames 0..4, then calls process.exit(0) at once: the exit hook must write every row and the end marker. */
import process from "node:process";
import * as rr from "../../../sdk/index.ts";

rr.init("rerun_example_save_then_exit");
rr.save(process.argv[2]!);
for (let i = 0; i < 5; i++) {
  rr.setTimeSequence("frame", i);
  rr.log("points", new rr.Points3D([[i, i, i]]));
}
process.exit(0);
