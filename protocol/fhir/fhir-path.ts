// Builds the FHIRPath strings findings report (`Bundle.entry[3].resource.subject.reference`) from path
// segments, and reads values along such segments.

export type PathSegment = string | number;

const entryPaths: string[] = [];
const entryOnlyPaths: string[] = [];

/** `Bundle.entry[i]` (built once per index, then reused). */
export function entryPath(index: number): string {
  return (entryOnlyPaths[index] ??= `Bundle.entry[${index}]`);
}

/** `Bundle.entry[i].resource`: the FHIRPath of entry i's resource (built once per index, then reused). */
export function entryResourcePath(index: number): string {
  return (entryPaths[index] ??= `Bundle.entry[${index}].resource`);
}

const sectionPaths: string[][] = [];

/** `Bundle.entry[i].resource.section[k]`: the FHIRPath of a Composition's section (built once, then reused). */
export function sectionPath(entryIndex: number, section: number): string {
  return ((sectionPaths[entryIndex] ??= [])[section] ??= `${entryResourcePath(entryIndex)}.section[${section}]`);
}

/** Appends segments to a FHIRPath: numbers become `[n]`, names become `.name`. */
export function joinPath(base: string, segments: ReadonlyArray<PathSegment>, from = 0, to = segments.length): string {
  let out = base;
  for (let i = from; i < to; i++) {
    const s = segments[i];
    out += typeof s === 'number' ? `[${s}]` : `.${s}`;
  }
  return out;
}

/** Splits an ajv instancePath (`/entry/3/resource`) into segments, unescaping JSON Pointer. */
export function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const s = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(s) ? Number(s) : s;
    });
}

/** The value at `segments` under `root`, or undefined. */
export function valueAt(root: unknown, segments: ReadonlyArray<PathSegment>): unknown {
  let node: unknown = root;
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[s];
  }
  return node;
}

/** A short, single-line rendering of a value for messages. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 60 ? `'${value.slice(0, 57)}...'` : `'${value}'`;
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
