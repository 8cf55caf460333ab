// DESIGN.md's import rule: protocol ← fixtures ← sandbox-server ← conformance ← reports ← bin.
// A file may import from its own layer or a layer to its left, never to its right.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const LAYERS = ['protocol', 'fixtures', 'sandbox-server', 'conformance', 'reports', 'bin'] as const;

export interface LayerViolation {
  file: string;
  imports: string;
  fromLayer: string;
  toLayer: string;
}

/** Every module specifier a TypeScript source imports or re-exports, static or dynamic. */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'"]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1]);
  return found;
}

function layerOf(root: string, absolutePath: string): string | undefined {
  const top = relative(root, absolutePath).split(sep)[0];
  return (LAYERS as ReadonlyArray<string>).includes(top) ? top : undefined;
}

/** Checks one file's imports against the rule; `root` is the repository root. */
export function violationsIn(root: string, file: string, source: string): LayerViolation[] {
  const fromLayer = layerOf(root, file);
  if (!fromLayer) return [];
  const out: LayerViolation[] = [];
  for (const spec of importSpecifiers(source)) {
    if (!spec.startsWith('.')) continue;
    const toLayer = layerOf(root, resolve(dirname(file), spec));
    if (!toLayer) continue;
    if (LAYERS.indexOf(toLayer as (typeof LAYERS)[number]) > LAYERS.indexOf(fromLayer as (typeof LAYERS)[number])) {
      out.push({ file: relative(root, file), imports: spec, fromLayer, toLayer });
    }
  }
  return out;
}

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

export function violationsUnder(root: string): LayerViolation[] {
  return LAYERS.flatMap((layer) => {
    const dir = join(root, layer);
    try {
      statSync(dir);
    } catch {
      return [];
    }
    return sourceFiles(dir).flatMap((file) => violationsIn(root, file, readFileSync(file, 'utf8')));
  });
}
