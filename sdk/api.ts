/** The public API shared by the server-runtime entry (index.ts) and the browser entry (browser.ts). */
export * from "./archetypes/index.ts";
export * as components from "./components/index.ts";
export { Archetype, type AsComponents, type Category, type FieldValues } from "./archetype.ts";
export { ComponentColumn, ComponentColumnList, type TimeColumnLike, TimeNanosColumn, TimeSecondsColumn, TimeSequenceColumn } from "./columns.ts";
export type { Batch, ComponentType } from "./component.ts";
export { withTimeContext } from "./context.ts";
export type { ColorLike } from "./convert/colors.ts";
export type { NdArray, TypedArray } from "./convert/ndarray.ts";
export type { AxisAngle, Mat3Like, VecLike } from "./convert/vectors.ts";
export type { EntityPathLike } from "./entity-path.ts";
export * from "./global.ts";
export { RecordingStream, type RecordingOptions, type SpawnOptions } from "./recording.ts";
export type { Loggable, LogOptions } from "./row.ts";
export { BinaryStream } from "./sinks/stream.ts";
export { RerunError, setStrictMode, strictMode } from "./warn.ts";
