import { describe, expect, it } from 'vitest';
import { rollUp } from './outcome.js';

describe('group roll-up', () => {
  it('takes the highest-priority outcome of the MUST tests: error > fail > skip > pass', () => {
    expect(rollUp([{ outcome: 'pass', level: 'MUST' }, { outcome: 'fail', level: 'MUST' }, { outcome: 'error', level: 'MUST' }])).toBe('error');
    expect(rollUp([{ outcome: 'pass', level: 'MUST' }, { outcome: 'skip', level: 'MUST' }, { outcome: 'fail', level: 'MUST' }])).toBe('fail');
    expect(rollUp([{ outcome: 'pass', level: 'MUST' }, { outcome: 'skip', level: 'MUST' }])).toBe('skip');
  });

  it('ignores SHOULD and MAY tests unless the group has nothing else; an empty group is skipped', () => {
    expect(rollUp([{ outcome: 'pass', level: 'MUST' }, { outcome: 'fail', level: 'SHOULD' }])).toBe('pass');
    expect(rollUp([{ outcome: 'pass', level: 'MAY' }, { outcome: 'fail', level: 'SHOULD' }])).toBe('fail');
    expect(rollUp([])).toBe('skip');
  });
});
