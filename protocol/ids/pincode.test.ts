import { describe, expect, it } from 'vitest';
import { checkPincode } from './pincode.js';

const reason = (r: ReturnType<typeof checkPincode>) => (r.ok ? `ok:${r.value}` : r.reason);

describe('PIN code', () => {
  it('accepts six digits not starting with 0', () => {
    expect(checkPincode('412306').ok).toBe(true);
    expect(checkPincode('110001').ok).toBe(true);
  });

  it('says exactly what is wrong', () => {
    expect(reason(checkPincode('012306'))).toBe('pincode cannot start with 0');
    expect(reason(checkPincode('41230'))).toBe('pincode must have 6 digits; got 5 digits');
    expect(reason(checkPincode('411 001'))).toBe("pincode may contain only digits; found 'space'");
  });
});
