/**
 * Record-batch layouts remembered per schema and replayed. A one-row batch of a recurring kind (each
 * Points3D or Scalar log call) repeats its field nodes and buffer list byte for byte; those bytes alone
 * fix every length, null count and buffer position the body walk reads and checks. So when they recur,
 * with the same body length and alignment, the arrays are rebuilt straight from the remembered layout;
 * only the checks that read body bytes (list offsets, `checkBody`) run again.
 */
import { checkOffsetsIn } from "./offsets.ts";
import { type Remembered, remember, sameBytes } from "./same.ts";
import { type ArrayData, type DataType, type Field, NO_CHILDREN, type Values } from "./types.ts";

/** Where a flatbuffer vector's elements lie: byte position and element count. */
export interface Span {
  start: number;
  length: number;
}

type Typed = Uint8Array | Int8Array | Int32Array | BigInt64Array | Values;
type ViewCtor = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): Typed };

/** A typed-array view of the body: its constructor, byte offset in the body and element count. */
export interface View {
  ctor: ViewCtor;
  at: number;
  count: number;
}

/** How to rebuild one array (children included) over a body. */
export interface Recipe {
  type: DataType;
  name: string;
  length: number;
  nullCount: number;
  validity: View | null;
  offsets: View | null;
  values: View | null;
  children: Recipe[];
}

/** One remembered batch layout. */
export interface Layout {
  nodes: Remembered;
  buffers: Remembered;
  bodyLength: number;
  /** The body's byte offset modulo 8 when recorded: views stay aligned only at the same residue. */
  align: number;
  columns: Recipe[];
  /** The list offsets in the body, which each batch must check (in the order the general reader checks them). */
  lists: ListCheck[];
}

/** One list array's offsets: column name, body offset, i64 or i32, entries and the child length they must stay within. */
interface ListCheck {
  name: string;
  at: number;
  wide: boolean;
  length: number;
  limit: number;
}

/** The layouts of one schema, most recent first, and how useful they have been. */
interface Layouts {
  list: Layout[];
  recorded: number;
  hits: number;
}

const KEEP = 4;
/** Layouts recorded for a schema before recording continues only while replays keep pace. */
const TRIAL = 16;
const bySchema = new WeakMap<Field[], Layouts>();

/** The remembered layout of `fields` that a one-row batch (its field nodes, buffers and body) has, or null when none matches. */
export function match(fields: Field[], meta: Uint8Array, nodes: Span, buffers: Span, body: Uint8Array): Layout | null {
  const known = bySchema.get(fields);
  if (!known) return null;
  const align = body.byteOffset % 8;
  for (const l of known.list) {
    if (l.bodyLength !== body.length || l.align !== align || l.nodes.bytes.length !== 16 * nodes.length || l.buffers.bytes.length !== 16 * buffers.length) continue;
    if (!sameBytes(meta, nodes.start, l.nodes) || !sameBytes(meta, buffers.start, l.buffers)) continue;
    known.hits++;
    replays++;
    return l;
  }
  return null;
}

/** Throws unless the list offsets of `body`, a batch of layout `l`, are non-decreasing and within their children. */
export function checkBody(l: Layout, body: Uint8Array): void {
  for (let i = 0; i < l.lists.length; i++) {
    const c = l.lists[i]!;
    checkOffsetsIn(c.name, body, c.at, c.wide, c.length, c.limit);
  }
}

/** The columns of a batch of layout `l` over `body` (which passed `checkBody`). */
export function build(l: Layout, body: Uint8Array): ArrayData[] {
  const out: ArrayData[] = [];
  for (let i = 0; i < l.columns.length; i++) out.push(make(l.columns[i]!, body.buffer, body.byteOffset));
  return out;
}

/** Remembers how the general reader laid out `columns` of a one-row batch (when every buffer is a plain body view). */
export function record(fields: Field[], meta: Uint8Array, nodes: Span, buffers: Span, body: Uint8Array, columns: ArrayData[]): void {
  let known = bySchema.get(fields);
  if (!known) bySchema.set(fields, (known = { list: [], recorded: 0, hits: 0 }));
  if (known.recorded >= TRIAL && known.hits < known.recorded) return;
  const recipes: Recipe[] = [];
  for (let i = 0; i < columns.length; i++) {
    const r = recipe(fields[i]!, columns[i]!, body);
    if (!r) return;
    recipes.push(r);
  }
  known.recorded++;
  const lists: ListCheck[] = [];
  for (const r of recipes) listsOf(r, lists);
  known.list.unshift({
    nodes: remember(meta, nodes.start, nodes.start + 16 * nodes.length),
    buffers: remember(meta, buffers.start, buffers.start + 16 * buffers.length),
    bodyLength: body.length,
    align: body.byteOffset % 8,
    columns: recipes,
    lists,
  });
  if (known.list.length > KEEP) known.list.pop();
}

/** The recipe of array `a` read for field `f`; null when its layout depends on body bytes (strings, unions) or a buffer was copied. */
function recipe(f: Field, a: ArrayData, body: Uint8Array): Recipe | null {
  const t = f.type;
  if (t.kind === "utf8" || t.kind === "binary" || t.kind === "large_utf8" || t.kind === "large_binary" || t.kind === "union") return null;
  const kids = t.kind === "list" || t.kind === "large_list" || t.kind === "fixed_size_list" ? [t.child] : t.kind === "struct" ? t.children : [];
  const children: Recipe[] = [];
  for (let k = 0; k < kids.length; k++) {
    const c = recipe(kids[k]!, a.children[k]!, body);
    if (!c) return null;
    children.push(c);
  }
  const validity = view(a.validity, body), offsets = view(a.offsets, body), values = view(a.values, body);
  if (validity === undefined || offsets === undefined || values === undefined) return null;
  return { type: a.type, name: f.name, length: a.length, nullCount: a.nullCount, validity, offsets, values, children };
}

/** Appends the list checks of recipe `r` and its children, children first (as the reader makes them). */
function listsOf(r: Recipe, out: ListCheck[]): void {
  for (const c of r.children) listsOf(c, out);
  const o = r.offsets;
  if (o !== null) out.push({ name: r.name, at: o.at, wide: o.ctor === BigInt64Array, length: r.length, limit: r.children[0]!.length });
}

/** The view `x` as an offset into `body`; null for no buffer, undefined when `x` is not a view of `body`. */
function view(x: Typed | null, body: Uint8Array): View | null | undefined {
  if (x === null) return null;
  const at = x.byteOffset - body.byteOffset;
  if (x.buffer !== body.buffer || at < 0 || at + x.byteLength > body.length) return undefined;
  return { ctor: x.constructor as ViewCtor, at, count: x.length };
}

/** Rebuilds an array of a recipe over the body at `base` in `buffer` (the same object shape as the reader's). */
function make(r: Recipe, buffer: ArrayBufferLike, base: number): ArrayData {
  let children = NO_CHILDREN;
  if (r.children.length > 0) {
    children = [];
    for (let k = 0; k < r.children.length; k++) children.push(make(r.children[k]!, buffer, base));
  }
  const v = r.validity, o = r.offsets, x = r.values;
  const offsets = o === null ? null : (new o.ctor(buffer, base + o.at, o.count) as Int32Array | BigInt64Array);
  return {
    type: r.type,
    length: r.length,
    nullCount: r.nullCount,
    validity: v === null ? null : (new v.ctor(buffer, base + v.at, v.count) as Uint8Array),
    offsets,
    values: x === null ? null : (new x.ctor(buffer, base + x.at, x.count) as Values),
    typeIds: null,
    children,
  };
}

let replays = 0;

/** Batches rebuilt from a remembered layout so far in this process (tests and benchmarks read it). */
export function replayCount(): number {
  return replays;
}
