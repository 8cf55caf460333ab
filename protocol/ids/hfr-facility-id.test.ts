import { describe, expect, it } from 'vitest';
import {
  checkHfrFacilityId,
  checkSandboxFacilityId,
  isLgdStateCode,
  parseSandboxFacilityId,
  sandboxFacilityId,
} from './hfr-facility-id.js';

const reason = (r: ReturnType<typeof checkHfrFacilityId>) => (r.ok ? 'ok' : r.reason);

describe('HFR facility id', () => {
  it('accepts real-looking ids', () => {
    for (const id of ['IN2810014366', 'IN0510000183', 'IN3410000260', 'IN2710000109']) {
      expect(checkHfrFacilityId(id).ok).toBe(true);
      expect(checkSandboxFacilityId(id).ok).toBe(true);
    }
    expect(checkHfrFacilityId('INAB12CD34EF').ok).toBe(true);
  });

  it('says exactly what is wrong', () => {
    expect(reason(checkHfrFacilityId('in2810014366'))).toBe("HFR facility id must start with upper-case 'IN'");
    expect(reason(checkHfrFacilityId('US2810014366'))).toBe("HFR facility id must start with 'IN'");
    expect(reason(checkHfrFacilityId('IN281001436'))).toBe("HFR facility id must have 10 characters after 'IN'; got 9");
    expect(reason(checkHfrFacilityId('IN28-0014366'))).toBe("HFR facility id may contain only letters and digits after 'IN'; found '-'");
    expect(reason(checkSandboxFacilityId('INAB12CD34EF'))).toBe("sandbox facility ids are 'IN' + a 2-digit state code + 8 digits");
    expect(reason(checkSandboxFacilityId('IN9910014366'))).toBe("'99' after 'IN' is not an LGD state code");
  });

  it('knows the current LGD state codes', () => {
    expect(isLgdStateCode('27')).toBe(true);
    expect(isLgdStateCode('38')).toBe(true);
    expect(isLgdStateCode('25')).toBe(false);
    expect(isLgdStateCode('00')).toBe(false);
    expect(isLgdStateCode('39')).toBe(false);
  });

  it('builds and parses sandbox ids', () => {
    expect(sandboxFacilityId('07', 10000042)).toBe('IN0710000042');
    expect(parseSandboxFacilityId('IN0710000042')).toEqual({ stateCode: '07', serial: '10000042' });
    expect(parseSandboxFacilityId('IN2610000042')).toBeUndefined();
    expect(() => sandboxFacilityId('7', 1)).toThrow(RangeError);
    expect(() => sandboxFacilityId('07', 1e8)).toThrow(RangeError);
  });
});
