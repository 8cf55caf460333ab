import { describe, expect, it } from 'vitest';
import { CALLBACKS, OPERATIONS, tableProblems } from './table.js';

describe('operation table', () => {
  it('is internally consistent', () => {
    expect(tableProblems()).toEqual([]);
  });

  it('reports a callback answered by an operation that does not exist', () => {
    const broken = CALLBACKS.map((cb) => (cb.id === 'hip.discover' ? { ...cb, answeredBy: 'uil.on-nothing' } : cb));
    expect(tableProblems(OPERATIONS, broken)).toContain('hip.discover is answered by unknown operation uil.on-nothing');
  });

  it('puts every HIE-CM v3 operation under /api/hiecm and every answer under a v3 module', () => {
    for (const op of OPERATIONS.filter((o) => o.answers)) expect(op.path).toMatch(/^\/api\/hiecm\/[a-z-]+\/v3\//);
  });
});
