import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeRrd } from "../store/decoder.ts";
import { encodeRrd } from "../store/encoder.ts";
import { rerunBinary, runRerun } from "./binary.ts";
import { reencode } from "./reencode.ts";
import { FIXTURE_DIR, fixture, POINTS_022, READABLE, REFUSED } from "./fixtures.ts";

const tmp = mkdtempSync(join(tmpdir(), "rerun-cli-"));

/** The fixture re-encoded by our own writers, as a file. */
function reencoded(name: string): string {
  const path = join(tmp, `re-${name}`);
  writeFileSync(path, reencode(fixture(name)));
  return path;
}

describe("rerun (compiled binary)", () => {
  test("--version: the second token is the Rerun version we speak", async () => {
    const r = await runRerun(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n").length).toBe(1);
    expect(r.stdout.split(/\s+/)[1]).toBe("0.22.1");
    expect(r.stdout).toContain("bun");
  });

  test("--help lists commands and examples", async () => {
    const r = await runRerun(["--help"]);
    expect(r.code).toBe(0);
    for (const s of ["rrd print", "rrd compare", "Examples:", "--version"]) expect(r.stdout).toContain(s);
  });

  test("an unknown flag exits 2 with one line", async () => {
    const r = await runRerun(["--frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("error: unknown flag --frobnicate (see rerun --help)");
    const sub = await runRerun(["rrd", "frob"]);
    expect(sub.code).toBe(2);
    expect(sub.stderr.trim().split("\n").length).toBe(1);
  });
});

describe("rerun rrd print", () => {
  for (const name of READABLE) {
    test(`prints every message of ${name}`, async () => {
      const r = await runRerun(["rrd", "print", FIXTURE_DIR + name]);
      expect(r.code).toBe(0);
      const msgs = decodeRrd(fixture(name), () => {});
      const lines = r.stdout.trim().split("\n");
      expect(lines.length).toBe(msgs.length);
      expect(lines.filter((l) => l.startsWith("Chunk(")).length).toBe(msgs.filter((m) => m.kind === "ArrowMsg").length);
    });
  }

  for (const name of REFUSED) {
    test(`refuses ${name} with one line and exit 1`, async () => {
      const r = await runRerun(["rrd", "print", FIXTURE_DIR + name]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n").length).toBe(1);
      expect(r.stderr).toContain(`Rerun ${/^v(\d+\.\d+\.\d+)/.exec(name)![1]}`);
    });
  }

  test("reads concatenated streams from stdin; -vvv shows values", async () => {
    const a = fixture("v0.20.1_bencher_scalar-plot.rrd");
    const both = new Uint8Array([...a, ...a]);
    const r = await runRerun(["rrd", "print", "-vvv"], both);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^Chunk\(/gm)!.length).toBe(2);
    expect(r.stdout).toContain("rerun.components.Scalar: List<Float64>");
    expect(r.stdout).toContain("[1] [4]");
  });

  test("a reader that stops early (| head) is a normal end, not a crash", () => {
    const r = spawnSync("bash", ["-c", `"${rerunBinary()}" rrd print "${FIXTURE_DIR + POINTS_022}" | head -1; echo "status \${PIPESTATUS[0]}"`], { encoding: "utf8" });
    expect(r.stdout).toContain("SetStoreInfo(");
    expect(r.stdout.trim().endsWith("status 0")).toBe(true);
    expect(r.stderr).toBe("");
  });

  test("a missing file is one line naming it, exit 1", async () => {
    const r = await runRerun(["rrd", "print", "/nonexistent.rrd"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("error: /nonexistent.rrd: no such file");
  });
});

describe("rerun rrd compare", () => {
  test("a fixture re-encoded by our writer is the same recording", async () => {
    const r = await runRerun(["rrd", "compare", FIXTURE_DIR + POINTS_022, reencoded(POINTS_022)]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  test("--unordered accepts the same chunks in another order", async () => {
    const msgs = decodeRrd(fixture(POINTS_022), () => {});
    const shuffled = [...msgs.slice(0, 2), ...msgs.slice(2).reverse()];
    const path = join(tmp, "reversed.rrd");
    writeFileSync(path, encodeRrd(shuffled));
    expect((await runRerun(["rrd", "compare", "--unordered", FIXTURE_DIR + POINTS_022, path])).code).toBe(0);
  });

  test("different data exits 1 and shows the difference", async () => {
    const msgs = decodeRrd(fixture(POINTS_022), () => {});
    const path = join(tmp, "fewer.rrd");
    writeFileSync(path, encodeRrd(msgs.slice(0, -1)));
    const r = await runRerun(["rrd", "compare", FIXTURE_DIR + POINTS_022, path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Number of Chunks does not match: '800' vs. '799'");
    const other = await runRerun(["rrd", "compare", FIXTURE_DIR + POINTS_022, FIXTURE_DIR + "v0.20.1_bencher_scalar-plot.rrd"]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("Application IDs do not match");
  });

  test("an unreadable input exits 1", async () => {
    const r = await runRerun(["rrd", "compare", FIXTURE_DIR + POINTS_022, "/nonexistent.rrd"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n").length).toBe(1);
  });
});
