/** TextDocument as plain text and as Markdown. `bun sdk/examples/text-document.ts --save doc.rrd` */
import * as rr from "../index.ts";
import { start } from "./sink.ts";

start("rerun_example_ts_text_document");
rr.log("readme", new rr.TextDocument("# Hello\n\nLogged from **TypeScript**.", { mediaType: rr.MediaType.MARKDOWN }), { static: true });
rr.setTimeSequence("frame", 0);
rr.log("notes", new rr.TextDocument("plain text, frame 0"));
rr.setTimeSequence("frame", 1);
rr.log("notes", new rr.TextDocument("plain text, frame 1"));
