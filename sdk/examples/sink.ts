/**
 * Where an example sends its recording, from its arguments: `--save FILE`, `--connect [HOST:PORT]`,
 * `--stdout` (pipe into `rerun -`), or by default `spawn()` a viewer. `--recording-id ID` fixes the id.
 */
import process from "node:process";
import * as rr from "../index.ts";

const args = process.argv.slice(2);
const value = (flag: string): string | undefined => {
  const i = args.indexOf(flag);
  return i >= 0 && i + 1 < args.length && !args[i + 1]!.startsWith("--") ? args[i + 1] : undefined;
};

/** Starts the global recording of `app` and attaches the sink chosen on the command line. */
export function start(app: string): rr.RecordingStream {
  const rec = rr.init(app, { recordingId: value("--recording-id") });
  if (args.includes("--save")) rr.save(value("--save") ?? `${app}.rrd`);
  else if (args.includes("--connect")) rr.connectTcp(value("--connect"));
  else if (args.includes("--stdout")) rr.stdout();
  else void rr.spawn();
  return rec;
}
