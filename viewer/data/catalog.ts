/** The entities of a recording as the heuristics need them: archetypes per entity, the tree, lookups. */
import type { EntityInfo } from "../api/types.ts";
import { archetypeShortName, C, indicatorArchetype } from "./names.ts";

/** One entity with the archetypes it holds (short names, e.g. `Points3D`). */
export interface CatalogEntity {
  path: string;
  info: EntityInfo;
  archetypes: Set<string>;
  components: Set<string>;
}

/** Archetypes implied by a component when a file carries no archetype tags (pre-0.22 writers). */
const BY_COMPONENT: [string, string][] = [
  [C.Position3D, "Points3D"], [C.Position2D, "Points2D"], [C.HalfSize3D, "Boxes3D"], [C.HalfSize2D, "Boxes2D"],
  [C.LineStrip3D, "LineStrips3D"], [C.LineStrip2D, "LineStrips2D"], [C.Scalar, "Scalar"],
  [C.TextLogLevel, "TextLog"], [C.PinholeProjection, "Pinhole"], [C.ViewCoordinates, "ViewCoordinates"],
  [C.TensorData, "Tensor"], [C.ImageBuffer, "Image"], [C.AnnotationContext, "AnnotationContext"],
  [C.Translation3D, "Transform3D"], [C.RotationQuat, "Transform3D"], [C.RotationAxisAngle, "Transform3D"],
  [C.TransformMat3x3, "Transform3D"], [C.Scale3D, "Transform3D"],
];

export class Catalog {
  readonly byPath = new Map<string, CatalogEntity>();

  constructor(readonly entities: readonly EntityInfo[]) {
    for (const info of entities) {
      const archetypes = new Set<string>();
      const components = new Set<string>();
      for (const c of info.components) {
        components.add(c.component);
        if (c.archetype) archetypes.add(archetypeShortName(c.archetype));
        const ind = indicatorArchetype(c.component);
        if (ind) archetypes.add(ind);
      }
      if (archetypes.size === 0) for (const [comp, arch] of BY_COMPONENT) if (components.has(comp)) archetypes.add(arch);
      if (components.has(C.Blob) && archetypes.size === 0) archetypes.add("EncodedImage");
      this.byPath.set(info.path, { path: info.path, info, archetypes, components });
    }
  }

  /** Entities holding any of `archetypes`. */
  withAny(archetypes: readonly string[]): CatalogEntity[] {
    return [...this.byPath.values()].filter((e) => archetypes.some((a) => e.archetypes.has(a)));
  }

  /** True if the entity at `path` holds `archetype`. */
  has(path: string, archetype: string): boolean {
    return this.byPath.get(path)?.archetypes.has(archetype) ?? false;
  }
}

/** The parent of an entity path (`/a/b` → `/a`, `/a` → `/`), null for the root. */
export function parentOf(path: string): string | null {
  if (path === "/") return null;
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

/** True if `path` is `ancestor` or below it. */
export function isUnder(path: string, ancestor: string): boolean {
  return ancestor === "/" || path === ancestor || path.startsWith(`${ancestor}/`);
}

/** The last part of an entity path (`/` for the root). */
export function leafName(path: string): string {
  return path === "/" ? "/" : path.slice(path.lastIndexOf("/") + 1);
}

/** The number of parts of a path (`/` = 0, `/a/b` = 2). */
export function depthOf(path: string): number {
  return path === "/" ? 0 : path.split("/").length - 1;
}
