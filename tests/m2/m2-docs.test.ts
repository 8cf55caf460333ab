import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIP_FLOW_RULES } from '../../protocol/hip-flows/hip-flow-rules.js';
import { hipOperations } from '../../protocol/operations/hip-operations.js';
import { FLOW_EVENT_TYPES } from '../../sandbox-server/flows/flow-events.js';

const doc = readFileSync(join(import.meta.dirname, '../../docs/m2-flows.md'), 'utf8');

describe('docs/m2-flows.md', () => {
  it('lists every rule with the severity the catalogue gives it', () => {
    for (const [id, rule] of Object.entries(HIP_FLOW_RULES)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
      expect(row, `no row for ${id}`).toBeDefined();
      expect(row!.split('|')[2].trim(), id).toBe(rule.severity);
    }
  });

  it('describes every event the flows emit and every HIP operation', () => {
    for (const type of FLOW_EVENT_TYPES) expect(doc, type).toContain(`\`${type}\``);
    for (const op of hipOperations) expect(doc, op.id).toContain(`\`${op.id}\``);
  });
});
