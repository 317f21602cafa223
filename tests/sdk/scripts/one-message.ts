/** Logs one message to the server at argv[2] (recording id argv[3]) and ends without flushing: the SDK must still deliver it (rerun#1156). */
import process from "node:process";
import * as rr from "../../../sdk/index.ts";

rr.init("rerun_example_one_message", { recordingId: process.argv[3] });
rr.connectTcp(process.argv[2]);
rr.log("hello", new rr.TextLog("the only message", { level: rr.TextLogLevel.INFO }));
