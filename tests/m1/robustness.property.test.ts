// Property: whatever body a logged-in partner sends to any ABHA operation — well-formed headers and tokens, random
// and half-right bodies built from ABHA's own vocabulary — the answer is a 2xx or a 4xx in one of ABDM's error
// shapes, never a 5xx, and the accounts already stored are still there.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAbdmErrorBody } from '../../protocol/errors.js';
import { abhaOperations } from '../../protocol/operations/abha-operations.js';
import { syntheticAadhaar } from '../../protocol/ids/synthetic-aadhaar.js';
import { startAbhaSandbox, type AbhaTestSandbox } from '../support/abha-client.js';

let t: AbhaTestSandbox;
let xToken: string;
let txnId: string;
let encrypted: string;

beforeAll(async () => {
  t = await startAbhaSandbox();
  const enrolled = await t.abha.enrol(syntheticAadhaar(5_000_700), '9444400001');
  xToken = enrolled.result.json.tokens.token;
  txnId = enrolled.txnId;
  encrypted = await t.abha.encrypt(syntheticAadhaar(60));
});
afterAll(() => t.close());

const scalar = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.boolean(), fc.constant(null));
const scopes = fc.array(fc.constantFrom('abha-enrol', 'mobile-verify', 'aadhaar-verify', 'abha-login', 'search-abha', 'abha-address-login', 'abha-address-enroll', 'dl-flow', 'bogus'), { maxLength: 3 });

function bodyArb() {
  const txn = fc.oneof(fc.constant('txn'), fc.constant(''), fc.uuid(), scalar);
  const loginId = fc.oneof(fc.constant('enc'), fc.constant('999900000601'), fc.base64String({ maxLength: 700 }), scalar);
  const otp = fc.record({ txnId: txn, otpValue: loginId, mobile: fc.oneof(fc.constant('9444400001'), scalar) }, { requiredKeys: [] });
  return fc.record(
    {
      txnId: txn,
      scope: fc.oneof(scopes, scalar),
      loginHint: fc.oneof(fc.constantFrom('aadhaar', 'mobile', 'abha-number', 'index', 'abha-address', 'mobile-number'), scalar),
      loginId,
      otpSystem: fc.oneof(fc.constantFrom('aadhaar', 'abdm'), scalar),
      authData: fc.oneof(fc.record({ authMethods: fc.oneof(fc.constant(['otp']), fc.array(fc.string({ maxLength: 5 }))), otp }, { requiredKeys: [] }), scalar),
      consent: fc.oneof(fc.constant({ code: 'abha-enrollment', version: '1.4' }), scalar),
      abhaAddress: fc.oneof(fc.constantFrom('someone.new123', 'x@sbx', 'UPPER.Case99@SBX'), scalar),
      ABHANumber: fc.oneof(fc.constantFrom('91-0000-0000-0000', '91000000000000'), scalar),
      preferred: fc.oneof(fc.constantFrom(0, 1, '1', 7), scalar),
      mobile: loginId,
      healthId: fc.oneof(fc.constant('legacy.name1'), scalar),
      otp: loginId,
      aadhaar: loginId,
      authMethod: fc.oneof(fc.constantFrom('AADHAAR_OTP', 'MOBILE_OTP', 'PASSWORD'), scalar),
      healthid: fc.oneof(fc.constant('legacy.name1@sbx'), scalar),
      firstName: scalar,
      yearOfBirth: scalar,
      phrDetails: fc.oneof(fc.dictionary(fc.constantFrom('firstName', 'yearOfBirth', 'gender', 'address', 'stateCode', 'districtCode', 'pinCode', 'abhaAddress', 'mobile'), scalar), scalar),
    },
    { requiredKeys: [] },
  );
}

function resolve(value: unknown): unknown {
  if (value === 'txn') return txnId;
  if (value === 'enc') return encrypted;
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  return value;
}

describe('ABHA robustness (fast-check)', () => {
  it('never answers 5xx and always answers errors in an ABDM shape', async () => {
    const accountsBefore = t.running.sandbox.ctx.store.abha.counts().enrolled;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...abhaOperations), bodyArb(), fc.boolean(), async (op, body, withToken) => {
        const r = await t.abha.call(op.method, op.path, {
          body: op.method === 'GET' ? undefined : resolve(body),
          headers: { TRANSACTION_ID: txnId, 'T-token': `Bearer ${xToken}`, 'R-token': `Bearer ${xToken}`, 'X-Token': withToken ? `Bearer ${xToken}` : null },
        });
        expect(r.status, `${op.id} answered ${r.status}: ${r.text.slice(0, 300)}`).toBeLessThan(500);
        if (r.status >= 400) expect(isAbdmErrorBody(r.json), `${op.id}: ${r.text.slice(0, 300)}`).toBe(true);
      }),
      { numRuns: 300, seed: 20261125 },
    );
    // Nothing stored was lost (the fuzz may log the session out, so a fresh login proves the account still works).
    expect(t.running.sandbox.ctx.store.abha.counts().enrolled).toBeGreaterThanOrEqual(accountsBefore);
    const login = await t.abha.loginByAadhaar(syntheticAadhaar(5_000_700));
    const profile = await t.abha.call('GET', '/abha/api/v3/profile/account', { xToken: login.json.token });
    expect(profile.status).toBe(200);
    expect(profile.json.ABHANumber).toBe(login.json.accounts[0].ABHANumber);
  }, 120_000);
});
