import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../fixtures/world/index.js';

const root = resolve(import.meta.dirname, '../..');

function cli(...args: string[]) {
  const run = spawnSync('npx', ['tsx', 'bin/abdm-sandbox.ts', 'fixtures', ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, lines: run.stdout.split('\n').filter(Boolean) };
}

describe('abdm-sandbox fixtures', () => {
  it('prints patients as NDJSON, the same as the world gives, from --from with --seed', () => {
    const run = cli('patients', '--count', '3', '--from', '10', '--seed', '7');
    expect(run.status).toBe(0);
    const world = createWorld({ seed: 7 });
    expect(run.lines.map((l) => JSON.parse(l))).toEqual([10, 11, 12].map((i) => world.patient(i)));
  });

  it('prints facilities and professionals of a world sized by flags', () => {
    const facilities = cli('facilities', '--count', '2', '--facilities', '500');
    expect(facilities.status).toBe(0);
    const world = createWorld({ facilityCount: 500, professionalCount: 100 });
    expect(facilities.lines.map((l) => JSON.parse(l))).toEqual([world.facility(0), world.facility(1)]);
    const professionals = cli('professionals', '--count', '1', '--from', '99', '--facilities', '500', '--professionals', '100');
    expect(professionals.lines.map((l) => JSON.parse(l))).toEqual([world.professional(99)]);
  });

  it('streams 100,000 lines, one valid JSON object each', () => {
    const run = cli('patients', '--count', '100000', '--population', '100000', '--seed', '3');
    expect(run.status).toBe(0);
    expect(run.lines).toHaveLength(100_000);
    expect(JSON.parse(run.lines[99_999]).index).toBe(99_999);
  });

  it('treats a count past the end of the population as a usage error: exit 2, one line, no output', () => {
    const run = cli('patients', '--count', '11', '--population', '10');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/goes past the end: the world has 10 patients \(set --population\)/);
  });

  it('rejects an unknown kind and a malformed number with exit 2', () => {
    const kind = cli('doctors');
    expect(kind.status).toBe(2);
    expect(kind.stderr).toMatch(/unknown kind 'doctors'/);
    const count = cli('patients', '--count', 'ten');
    expect(count.status).toBe(2);
    expect(count.stderr).toMatch(/--count must be a whole number/);
  });
});
