import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSpecifiers, violationsIn, violationsUnder } from './layer-rules.js';

const root = resolve(import.meta.dirname, '../..');

describe('layer import rule (DESIGN.md)', () => {
  it('no file in the repository imports a layer to its right', () => {
    expect(violationsUnder(root)).toEqual([]);
  });

  it('flags protocol importing sandbox-server', () => {
    const file = resolve(root, 'protocol/x.ts');
    const v = violationsIn(root, file, "import { app } from '../sandbox-server/app.js';");
    expect(v).toEqual([{ file: 'protocol/x.ts', imports: '../sandbox-server/app.js', fromLayer: 'protocol', toLayer: 'sandbox-server' }]);
  });

  it('flags type-only and dynamic imports and re-exports too', () => {
    const file = resolve(root, 'fixtures/world/x.ts');
    const src = [
      "import type { X } from '../../conformance/dsl.js';",
      "const m = await import('../../reports/html.js');",
      "export { y } from '../../bin/cli.js';",
    ].join('\n');
    expect(violationsIn(root, file, src).map((v) => v.toLayer).sort()).toEqual(['bin', 'conformance', 'reports']);
  });

  it('allows imports to the left and within a layer, and package imports', () => {
    const file = resolve(root, 'reports/html.ts');
    const src = "import a from '../protocol/errors.js';\nimport b from './junit.js';\nimport express from 'express';";
    expect(violationsIn(root, file, src)).toEqual([]);
    expect(importSpecifiers(src)).toEqual(['../protocol/errors.js', './junit.js', 'express']);
  });
});
