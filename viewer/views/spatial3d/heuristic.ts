/**
 * Where Rerun would put 3D views: in each space with 3D content or cameras, one view per top-level
 * entity carrying ViewCoordinates when all 3D content lies below those (each view then knows its up
 * axis), else one view at the space root. Camera images appear on their pinhole's image plane.
 */
import { type Catalog, isUnder } from "../../data/catalog.ts";
import { ARCHETYPES_3D, subspaces } from "../../data/topology.ts";
import type { ViewSpec } from "../../state/store.ts";

const IMAGES = ["Image", "EncodedImage", "SegmentationImage", "DepthImage"];

/** The 3D views for a recording. */
export function spawn3d(catalog: Catalog): Omit<ViewSpec, "id" | "kind">[] {
  const out: Omit<ViewSpec, "id" | "kind">[] = [];
  const spaces = subspaces(catalog);
  for (const space of spaces) {
    if (space.pinhole || !space.has3d) continue;
    const entities = space.entities.filter((p) => {
      const a = catalog.byPath.get(p)!.archetypes;
      return ARCHETYPES_3D.some((x) => a.has(x)) || a.has("Pinhole");
    });
    const content = entities.filter((p) => !catalog.has(p, "ViewCoordinates") || catalog.byPath.get(p)!.archetypes.size > 1);
    const coords = entities.filter((p) => catalog.has(p, "ViewCoordinates"));
    const tops = coords.filter((c) => !coords.some((o) => o !== c && isUnder(c, o)));
    const origins = tops.length && content.every((p) => tops.some((c) => isUnder(p, c))) ? tops : [space.origin];
    const cameraImages = spaces.filter((s) => s.pinhole && entities.includes(s.pinhole)).flatMap((s) => s.entities.filter((p) => IMAGES.some((a) => catalog.has(p, a))));
    for (const origin of origins) out.push({ title: origin, origin, entities: [...entities, ...cameraImages].filter((p) => isUnder(p, origin)).sort() });
  }
  return out;
}
