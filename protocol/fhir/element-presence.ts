// Cardinality checks on dotted element paths (`lineItem.priceComponent.type`): for every instance of the
// parent element, the last element must be present. `x[x]` matches any choice (`occurrenceDateTime`), and a
// primitive given only as `_x` (extensions, data-absent-reason) counts as present, as FHIR JSON allows.

export interface ElementPath {
  /** As written, e.g. `Immunization.occurrence[x]` without the type: `occurrence[x]`. */
  text: string;
  parents: ReadonlyArray<string>;
  leaf: string;
  /** `_leaf`: where JSON puts a primitive's id and extensions. */
  companion: string;
  choice: boolean;
}

/** Parses `a.b.c` (the leaf may end in `[x]`). */
export function elementPath(text: string): ElementPath {
  const parts = text.split('.');
  const last = parts[parts.length - 1];
  const choice = last.endsWith('[x]');
  const leaf = choice ? last.slice(0, -3) : last;
  return { text, parents: parts.slice(0, -1), leaf, companion: `_${leaf}`, choice };
}

/** True when `node` has element `leaf` (or a choice of it, or its `_leaf` companion). */
export function hasElement(node: Record<string, unknown>, leaf: string, choice: boolean, companion = `_${leaf}`): boolean {
  if (!choice) {
    const v = node[leaf];
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) return true;
    return node[companion] !== undefined;
  }
  for (const key in node) {
    if (key.length > leaf.length && key.startsWith(leaf)) {
      const c = key.charCodeAt(leaf.length);
      if (c >= 65 && c <= 90) return true;
    }
  }
  return false;
}

/** Appends to `into` the FHIRPath of every instance of the parent of `path` under `root` that lacks the leaf. */
export function collectMissing(root: Record<string, unknown>, path: ElementPath, basePath: string, into: string[]): void {
  // Most required elements sit on the resource itself: answer those without the recursive walk.
  if (path.parents.length === 0) {
    if (!hasElement(root, path.leaf, path.choice, path.companion)) into.push(`${basePath}.${path.leaf}${path.choice ? '[x]' : ''}`);
    return;
  }
  visit(root, path, 0, basePath, into);
}

// Array indexes of the walk so far, one per parent level: the path string is only built for a missing element.
const indexes: number[] = [];

function visit(node: Record<string, unknown>, path: ElementPath, depth: number, basePath: string, into: string[]): void {
  if (depth === path.parents.length) {
    if (!hasElement(node, path.leaf, path.choice, path.companion)) into.push(`${pathTo(path, depth, basePath)}.${path.leaf}${path.choice ? '[x]' : ''}`);
    return;
  }
  const name = path.parents[depth];
  const child = node[name];
  if (Array.isArray(child)) {
    for (let i = 0; i < child.length; i++) {
      const item = child[i];
      if (item !== null && typeof item === 'object') {
        indexes[depth] = i;
        visit(item as Record<string, unknown>, path, depth + 1, basePath, into);
      }
    }
  } else if (child !== null && typeof child === 'object') {
    indexes[depth] = -1;
    visit(child as Record<string, unknown>, path, depth + 1, basePath, into);
  }
}

/** `basePath.a[i].b` for the first `depth` parents, with the indexes the walk is at (-1: not an array). */
function pathTo(path: ElementPath, depth: number, basePath: string): string {
  let at = basePath;
  for (let d = 0; d < depth; d++) at += indexes[d] < 0 ? `.${path.parents[d]}` : `.${path.parents[d]}[${indexes[d]}]`;
  return at;
}

/** True when collectMissing would find nothing for any of the paths it was compiled from. */
export type PresenceCheck = (root: Record<string, unknown>) => boolean;

/**
 * Compiles `paths` into one predicate with the exact semantics of collectMissing: true when none of them
 * has a missing leaf under `root`. It reads each element by name (no loop over path arrays, no keyed loads
 * with varying keys), so a complete resource is answered quickly; on false, run collectMissing to say what is missing.
 */
export function compilePresence(paths: ReadonlyArray<ElementPath>): PresenceCheck {
  let vars = 0;
  const fresh = (prefix: string): string => `${prefix}${vars++}`;
  const leafCheck = (node: string, path: ElementPath): string => {
    if (path.choice) return `if (!hasElement(${node}, ${JSON.stringify(path.leaf)}, true)) return false;\n`;
    const v = fresh('v');
    return (
      `{ const ${v} = ${node}[${JSON.stringify(path.leaf)}];\n` +
      `if ((${v} === undefined || ${v} === null || (Array.isArray(${v}) && ${v}.length === 0)) && ${node}[${JSON.stringify(path.companion)}] === undefined) return false; }\n`
    );
  };
  // As visit() walks: an array's items that are objects (arrays too), or a single object.
  const walk = (node: string, path: ElementPath, depth: number): string => {
    if (depth === path.parents.length) return leafCheck(node, path);
    const child = fresh('c');
    const item = fresh('x');
    const i = fresh('i');
    return (
      `{ const ${child} = ${node}[${JSON.stringify(path.parents[depth])}];\n` +
      `if (Array.isArray(${child})) { for (let ${i} = 0; ${i} < ${child}.length; ${i}++) { const ${item} = ${child}[${i}];\n` +
      `if (${item} !== null && typeof ${item} === "object") {\n${walk(item, path, depth + 1)}} } }\n` +
      `else if (${child} !== null && typeof ${child} === "object") {\n${walk(child, path, depth + 1)}} }\n`
    );
  };
  const body = paths.map((p) => walk('root', p, 0)).join('');
  return new Function('hasElement', `"use strict"; return function presence(root) {\n${body}return true;\n};`)(hasElement) as PresenceCheck;
}
