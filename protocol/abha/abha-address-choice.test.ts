import { describe, expect, it } from 'vitest';
import { checkNewAbhaAddress, suggestAbhaAddresses } from './abha-address-choice.js';

describe('new ABHA addresses', () => {
  it('follow the creation rules: 8 to 18 characters, one dot and one underscore at most', () => {
    expect(checkNewAbhaAddress('priya.sharma90')).toEqual({ ok: true, value: 'priya.sharma90@sbx' });
    expect(checkNewAbhaAddress('Priya_Sharma@sbx')).toEqual({ ok: true, value: 'priya_sharma@sbx' });
    expect(checkNewAbhaAddress('priya')).toMatchObject({ ok: false, reason: expect.stringContaining('8 to 18') });
    expect(checkNewAbhaAddress('a.b.cdefghij')).toMatchObject({ ok: false });
    expect(checkNewAbhaAddress('a_b_cdefghij')).toMatchObject({ ok: false, reason: expect.stringContaining("one '_'") });
    expect(checkNewAbhaAddress('priya.sharma@abdm')).toMatchObject({ ok: false });
  });

  it('allow an all-digit address only as the holder’s own ABHA number', () => {
    expect(checkNewAbhaAddress('91123456789012', '91123456789012').ok).toBe(true);
    expect(checkNewAbhaAddress('91123456789012', '91000000000000').ok).toBe(false);
  });

  it('suggest at least three free addresses, skipping taken ones', () => {
    const taken = new Set(['priya.sharma1990@sbx']);
    const list = suggestAbhaAddresses({ firstName: 'Priya', lastName: 'Sharma', yearOfBirth: 1990, monthOfBirth: 8, dayOfBirth: 5 }, (a) => taken.has(a));
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list).not.toContain('priya.sharma1990');
    for (const s of list) expect(checkNewAbhaAddress(s).ok).toBe(true);
    const shortName = suggestAbhaAddresses({ firstName: 'Om' }, () => false);
    expect(shortName.length).toBeGreaterThanOrEqual(3);
  });
});
