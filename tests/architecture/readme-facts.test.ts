// The README's concrete facts that code decides: kept true by a test, since a partner copies them into curl lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../fixtures/world/world.js';
import { demoFacilityIds } from '../../sandbox-server/partners/demo-partners.js';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('names the facilities the demo clients are bound to with the default seed and population', () => {
    const ids = demoFacilityIds(createWorld({ seed: 1, population: 1_000_000 }));
    expect(readme).toContain(`| HIP | \`SBX_DEMO_HIP\` | \`demo-hip-secret\` | the first HIP hospital of the world; with the default seed \`${ids.hip}\` |`);
    expect(readme).toContain(`| HIU | \`SBX_DEMO_HIU\` | \`demo-hiu-secret\` | the first HIU hospital of the world; with the default seed \`${ids.hiu}\` |`);
    const quoted = new Set(readme.match(/\bIN\d{10}\b/g));
    expect([...quoted].filter((id) => id !== ids.hip && id !== ids.hiu)).toEqual([]);
  });

  it('opens with the command that installs and runs the demo, and the one that installs and runs the tests', () => {
    expect(readme).toContain('`npm ci && npx abdm-sandbox demo`');
    expect(readme).toContain('`npm ci && npm test`');
  });
});
