import { describe, expect, test } from "bun:test";
import { F32, fsl } from "../../store/arrow/make.ts";
import { batch, chunkBuilder } from "../../store/build.ts";
import type { Chunk } from "../../store/chunk.ts";
import { decodeRrd } from "../../store/decoder.ts";
import type { EntityNode } from "../../store/db/tree.ts";
import { Hub } from "../../store/db/hub.ts";
import { hitValue } from "../../store/db/query.ts";
import { entityParts, parentPath } from "../../store/db/tree.ts";
import type { ArrowMsg, LogMsg, StoreId } from "../../store/logmsg.ts";
import { chunkFromIpc, chunkToIpc } from "../../store/transport.ts";
import { fixture, POINTS_022 } from "../fixtures.ts";
import { refLatestAt } from "./reference.ts";

const POS = "rerun.components.Position3D";
const msgs = decodeRrd(fixture(POINTS_022));
const raw = msgs.filter((m): m is ArrowMsg => m.kind === "ArrowMsg").map((m) => chunkFromIpc(m.ipc));
const ROBOTS = [0, 1, 2, 3].map((i) => `/env_${i}/robot`);

function load(): Hub {
  const hub = new Hub();
  for (const m of msgs) hub.add(m);
  return hub;
}

const leaves = (n: EntityNode): EntityNode[] => (n.children.length === 0 ? [n] : n.children.flatMap(leaves));

describe("the 0.22.1 multi-env recording", () => {
  const hub = load();
  const db = hub.stores()[0]!;

  test("one recording store with its store info", () => {
    expect(hub.stores().length).toBe(1);
    expect(db.id).toEqual({ kind: "Recording", id: "edb16cf9-0956-4d91-83b9-1e28a8f4c9dd" });
    expect(db.info?.applicationId).toBe("Multi-Environment Training - 3D");
    expect(db.info?.storeVersion).toBe("0.22.1");
  });

  test("entity tree: /env_0..3 each with robot and target; frame 0..49, log_tick 0..399", () => {
    const tree = db.tree();
    expect(tree.children.map((c) => c.path)).toEqual(["/env_0", "/env_1", "/env_2", "/env_3"]);
    const ents = leaves(tree);
    expect(ents.map((n) => n.path)).toEqual([0, 1, 2, 3].flatMap((i) => [`/env_${i}/robot`, `/env_${i}/target`]));
    let tickMin = Infinity, tickMax = -Infinity;
    for (const { info } of ents) {
      expect(info!.numRows).toBe(100); // 50 data rows + 50 indicator rows
      expect(info!.numStaticRows).toBe(0);
      expect(info!.components.map((c) => [c.descriptor.component, c.descriptor.archetypeField])).toEqual([
        ["rerun.components.Points3DIndicator", null],
        ["rerun.components.Color", "colors"],
        ["rerun.components.Position3D", "positions"],
        ["rerun.components.Radius", "radii"],
      ]);
      const frame = info!.timelines.get("frame")!;
      expect([frame.type, frame.min, frame.max]).toEqual(["Sequence", 0n, 49n]);
      expect(info!.timelines.get("log_time")!.type).toBe("Time");
      const tick = info!.timelines.get("log_tick")!;
      tickMin = Math.min(tickMin, Number(tick.min));
      tickMax = Math.max(tickMax, Number(tick.max));
    }
    expect([tickMin, tickMax]).toEqual([0, 399]);
  });

  test("800 one-row chunks are compacted to one chunk per (entity, schema)", () => {
    expect([...db.chunks()].length).toBe(16);
  });

  test("latest-at frame 49 returns a position for every robot, as the raw chunks say", () => {
    for (const robot of ROBOTS) {
      const hit = db.latestAt(robot, [POS], "frame", 49).get(POS)!;
      expect(hit.time).toBe(49n);
      const want = refLatestAt(raw, robot, [POS], "frame", 49n).get(POS)!;
      expect(hitValue(hit)).toEqual(want.value);
      expect((hitValue(hit) as number[][])[0]!.length).toBe(3);
    }
  });

  test("latest-at and range agree with the raw chunks on every timeline", () => {
    for (const entity of ROBOTS) {
      for (const [timeline, t] of [["log_tick", 200n], ["frame", 10n]] as const) {
        const want = refLatestAt(raw, entity, [POS, "rerun.components.Color"], timeline, t);
        const got = db.latestAt(entity, [POS, "rerun.components.Color"], timeline, t);
        expect([...got].map(([k, h]) => [k, h.time, hitValue(h)])).toEqual([...want].map(([k, h]) => [k, h.time, h.value]));
      }
      const runs = db.range(entity, [POS], "frame", 10, 19).get(POS)!;
      expect(runs.reduce((n, r) => n + r.rows.length, 0)).toBe(10);
    }
  });
});

describe("hub", () => {
  test("events: store-added, store-info, chunk-added with the message; unsubscribe", () => {
    const hub = new Hub();
    const seen: string[] = [];
    hub.on("store-added", (e) => seen.push(`store ${e.db.id.id}`));
    hub.on("store-info", (e) => seen.push(`info ${e.db.info?.applicationId}`));
    let chunks = 0;
    const off = hub.on("chunk-added", (e) => {
      expect(e.msg?.kind).toBe("ArrowMsg");
      expect(e.chunk.entityPath).toStartWith("/env_");
      chunks++;
    });
    for (const m of msgs.slice(0, 12)) hub.add(m);
    off();
    for (const m of msgs.slice(12)) hub.add(m);
    expect(seen).toEqual(["store edb16cf9-0956-4d91-83b9-1e28a8f4c9dd", "info Multi-Environment Training - 3D", "info Multi-Environment Training - 3D"]);
    expect(chunks).toBe(10);
  });

  test("a store is created by its first chunk; SetStoreInfo may come later; blueprint activation is remembered", () => {
    const hub = new Hub();
    const id: StoreId = { kind: "Blueprint", id: "bp" };
    const chunk: Chunk = chunkBuilder("/viewport").row({}, [batch("rerun.blueprint.components.Thing", fsl(2, F32), [[1, 2]])]).build();
    const db = hub.add({ kind: "ArrowMsg", storeId: id, chunkId: chunk.id, timepointMax: [], ipc: chunkToIpc(chunk) });
    expect(db.info).toBeNull();
    const info = msgs[0] as Extract<LogMsg, { kind: "SetStoreInfo" }>;
    hub.add({ ...info, info: { ...info.info, storeId: id } });
    expect(db.info?.storeId).toEqual(id);
    const activations: boolean[] = [];
    hub.on("blueprint-activation", (e) => activations.push(e.command.makeActive));
    hub.add({ kind: "BlueprintActivationCommand", blueprintId: id, makeActive: true, makeDefault: false });
    expect(db.activation?.makeActive).toBe(true);
    expect(activations).toEqual([true]);
    expect(hub.get(id)).toBe(db);
    expect(hub.remove(id)).toBe(true);
    expect(hub.get(id)).toBeUndefined();
  });

  test("a store removed while it is announced is not handed out again", () => {
    const hub = new Hub();
    const id: StoreId = { kind: "Recording", id: "gone" };
    let added = 0;
    hub.on("store-added", ({ db }) => {
      if (++added === 1) hub.remove(db.id);
    });
    const first = hub.open(id);
    const second = hub.open({ ...id });
    expect(added).toBe(2);
    expect(second).not.toBe(first);
    expect(hub.get(id)).toBe(second);
    expect(hub.stores()).toEqual([second]);
  });
});

describe("entity paths", () => {
  test("parts, escapes and parents", () => {
    expect(entityParts("/a/b\\/c/d")).toEqual(["a", "b\\/c", "d"]);
    expect(parentPath("/a/b\\/c")).toBe("/a");
    expect(parentPath("/a")).toBe("/");
    expect(parentPath("/")).toBeNull();
  });
});
