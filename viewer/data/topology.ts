/**
 * Rerun's spatial topology: the entity tree split into spaces. A Pinhole starts a 2D image space
 * below it; everything else stays in its parent's space. A space's dimensionality comes from what
 * is logged in it (3D archetypes, 2D archetypes, or both when a pinhole space is seen in 3D).
 */
import { type Catalog, isUnder } from "./catalog.ts";

/** Archetypes that make a space 3D. */
export const ARCHETYPES_3D = ["Points3D", "LineStrips3D", "Boxes3D", "Arrows3D", "Mesh3D", "Asset3D", "Transform3D", "ViewCoordinates", "InstancePoses3D"];
/** Archetypes that make a space 2D. */
export const ARCHETYPES_2D = ["Image", "EncodedImage", "DepthImage", "SegmentationImage", "Points2D", "Boxes2D", "LineStrips2D", "Arrows2D"];

/** One space: its origin, the entities in it (not in sub-spaces), and what kind of content it has. */
export interface Subspace {
  origin: string;
  /** The pinhole path when this is an image space, else null (the root space). */
  pinhole: string | null;
  entities: string[];
  has3d: boolean;
  has2d: boolean;
}

/** The spaces of a recording, root space first. */
export function subspaces(catalog: Catalog): Subspace[] {
  const pinholes = [...catalog.byPath.keys()].filter((p) => catalog.has(p, "Pinhole")).sort((a, b) => b.length - a.length);
  const root: Subspace = { origin: "/", pinhole: null, entities: [], has3d: false, has2d: false };
  const spaces = new Map<string, Subspace>([["/", root]]);
  for (const p of pinholes) spaces.set(p, { origin: p, pinhole: p, entities: [], has3d: false, has2d: false });
  for (const e of catalog.byPath.values()) {
    const owner = pinholes.find((p) => isUnder(e.path, p) && e.path !== p) ?? "/";
    const space = spaces.get(owner)!;
    space.entities.push(e.path);
    if (ARCHETYPES_3D.some((a) => e.archetypes.has(a)) || e.archetypes.has("Pinhole")) space.has3d = true;
    if (ARCHETYPES_2D.some((a) => e.archetypes.has(a))) space.has2d = true;
  }
  for (const s of spaces.values()) if (s.pinhole) s.has2d = true;
  return [...spaces.values()];
}
