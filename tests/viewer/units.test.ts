/** The viewer's pure parts without a browser: time formatting, the view heuristics, framed chunks, the catalog, 3D model media types. */
import { describe, expect, test } from "bun:test";
import type { EntityInfo } from "../../viewer/api/types.ts";
import { parseFrames } from "../../viewer/api/frames.ts";
import { Catalog } from "../../viewer/data/catalog.ts";
import { formatTick, formatTime, tickStep } from "../../viewer/data/time.ts";
import { spawnViews } from "../../viewer/views/registry.ts";
import "../../viewer/views/all.ts";
import { guessMediaType } from "../../viewer/views/spatial3d/asset.ts";
import { glbCube, gltfJsonCube, objTriangle, stlCube } from "./models.ts";
import { chunkToIpc } from "../../store/transport.ts";
import { archetype, kitchenSinkChunks, scalarChunks } from "./recordings.ts";
import { chunkBuilder } from "../../store/build.ts";
import { F32, fsl, U8 } from "../../store/arrow/make.ts";

/** Entities as the API lists them, from chunks (components with their archetype tags). */
function entitiesOf(chunks: ReturnType<typeof kitchenSinkChunks>): EntityInfo[] {
  const by = new Map<string, EntityInfo>();
  for (const c of chunks) {
    const e = by.get(c.entityPath) ?? { path: c.entityPath, rows: 0, staticRows: 0, components: [], timelines: {} };
    e.rows += c.numRows;
    for (const col of c.components) {
      if (!e.components.some((x) => x.component === col.descriptor.component)) e.components.push({ ...col.descriptor, type: col.itemType.kind });
    }
    by.set(c.entityPath, e);
  }
  return [...by.values()].sort((a, b) => a.path.localeCompare(b.path));
}

describe("time formatting", () => {
  test("sequence timelines show #n; nanosecond timelines a UTC date or seconds since 0", () => {
    expect(formatTime(42n, "Sequence")).toBe("#42");
    expect(formatTime(1_741_723_087_156_534_000n, "Time")).toBe("2025-03-11 19:58:07.156534Z");
    expect(formatTime(1_741_723_087_000_000_000n, "Time")).toBe("2025-03-11 19:58:07.000Z");
    expect(formatTime(1_500_000_000n, "Time")).toBe("1.500s");
    expect(formatTick(1_741_723_087_000_000_000, 1e9, "Time")).toBe("19:58:07");
    expect(formatTick(1_741_723_087_250_000_000, 5e7, "Time")).toBe("19:58:07.25");
    expect(formatTick(120, 20, "Sequence")).toBe("120");
  });

  test("tick steps are whole units on sequence timelines and round durations on time ones", () => {
    expect(tickStep(49, 10, "Sequence")).toBe(5);
    expect(tickStep(3, 10, "Sequence")).toBe(1);
    expect(tickStep(4e9, 4, "Time")).toBe(1e9);
    expect(tickStep(600e9, 10, "Time")).toBe(60e9);
  });
});

describe("view heuristics", () => {
  test("one of everything spawns the views Rerun would", () => {
    const views = spawnViews(new Catalog(entitiesOf(kitchenSinkChunks(2)))).map((v) => `${v.id} [${v.entities.join(" ")}]`);
    expect(views.sort()).toEqual([
      "barchart:/bars [/bars]",
      "spatial2d:/depth [/depth]",
      "spatial2d:/photo [/photo /photo/boxes]",
      "spatial2d:/segmentation [/segmentation]",
      "spatial2d:/world/camera [/world/camera/image /world/camera/points]",
      "spatial3d:/world [/world /world/arrows /world/boxes /world/camera /world/camera/image /world/lines /world/mesh]",
      "tensor:/tensor [/tensor]",
    ]);
  });

  test("scalars make one time-series view; 3D content without ViewCoordinates one 3D view at the root", () => {
    const points = chunkBuilder("/a/points").row({ frame: 0 }, archetype("Points3D", [["positions", "Position3D", fsl(3, F32), [[0, 0, 0]]]])).build();
    const other = chunkBuilder("/b/points").row({ frame: 0 }, archetype("Points3D", [["positions", "Position3D", fsl(3, F32), [[1, 0, 0]]]])).build();
    const views = spawnViews(new Catalog(entitiesOf([...scalarChunks(3), points, other])));
    expect(views.map((v) => v.id).sort()).toEqual(["spatial3d:/", "timeseries:/"]);
    expect(views.find((v) => v.kind === "timeseries")!.entities).toEqual(["/plot/cosine", "/plot/sine"]);
  });

  test("two worlds with their own ViewCoordinates get a 3D view each", () => {
    const world = (root: string) => [
      chunkBuilder(root).row({}, archetype("ViewCoordinates", [["xyz", "ViewCoordinates", fsl(3, U8), [[3, 6, 1]]]])).build(),
      chunkBuilder(`${root}/points`).row({ frame: 0 }, archetype("Points3D", [["positions", "Position3D", fsl(3, F32), [[0, 0, 0]]]])).build(),
    ];
    const views = spawnViews(new Catalog(entitiesOf([...world("/left"), ...world("/right")])));
    expect(views.map((v) => `${v.id} [${v.entities.join(" ")}]`)).toEqual(["spatial3d:/left [/left /left/points]", "spatial3d:/right [/right /right/points]"]);
  });
});

describe("framed chunks", () => {
  test("[u32 length][IPC] frames parse back to the chunks; a truncated frame names its offset", () => {
    const chunks = scalarChunks(5);
    const parts = chunks.map(chunkToIpc);
    const buf = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
    let at = 0;
    for (const p of parts) {
      new DataView(buf.buffer).setUint32(at, p.length, true);
      buf.set(p, at + 4);
      at += 4 + p.length;
    }
    const back = parseFrames(buf.buffer);
    expect(back.map((c) => [c.entityPath, c.numRows])).toEqual(chunks.map((c) => [c.entityPath, c.numRows]));
    expect(() => parseFrames(buf.slice(0, buf.length - 3).buffer)).toThrow(/exceeds the answer/);
  });
});

describe("Asset3D media types", () => {
  test("are guessed from the bytes: GLB magic, binary STL by its size even with a \"solid\" header, ascii STL, glTF JSON, OBJ", () => {
    expect(guessMediaType(glbCube(1, new Uint8Array(4)))).toBe("model/gltf-binary");
    expect(guessMediaType(stlCube(1))).toBe("model/stl");
    expect(guessMediaType(new TextEncoder().encode("solid x\nfacet normal 0 0 1\n"))).toBe("model/stl");
    expect(guessMediaType(gltfJsonCube(1, [1, 0, 0]))).toBe("model/gltf+json");
    expect(guessMediaType(objTriangle(1))).toBe("model/obj");
    expect(guessMediaType(Uint8Array.of(0x89, 0x50, 0x4e, 0x47))).toBeNull();
  });
});
