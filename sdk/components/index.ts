/** Every component type, as `components.Color`, `components.Position3D`, … */
export * from "./annotation.ts";
export * from "./appearance.ts";
export * from "./media.ts";
export * from "./spatial.ts";
