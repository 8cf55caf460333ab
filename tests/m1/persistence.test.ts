// The ABHA service keeps what a partner relies on across a restart with the same data directory: the published RSA
// keys (a certificate cached by a partner stays valid), enrolled accounts and their addresses, and user tokens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticAadhaar } from '../../protocol/ids/synthetic-aadhaar.js';
import { startAbhaSandbox } from '../support/abha-client.js';

const dataDir = mkdtempSync(join(tmpdir(), 'abdm-m1-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('ABHA state across a restart', () => {
  it('keeps the keys, the enrolled account and its X-token', async () => {
    const first = await startAbhaSandbox({ inMemory: false, dataDir });
    let certificate: string;
    let xToken: string;
    let abhaNumber: string;
    let ciphertext: string;
    try {
      certificate = (await first.abha.call('GET', '/abha/api/v3/profile/public/certificate')).json.publicKey;
      const { txnId, result } = await first.abha.enrol(syntheticAadhaar(5_000_600), '9333300001');
      expect(result.json.isNew).toBe(true);
      expect((await first.abha.call('POST', '/abha/api/v3/enrollment/enrol/abha-address', { body: { txnId, abhaAddress: 'kept.across600', preferred: 1 } })).status).toBe(200);
      xToken = result.json.tokens.token;
      abhaNumber = result.json.ABHAProfile.ABHANumber;
      ciphertext = await first.abha.encrypt(syntheticAadhaar(5_000_600));
    } finally {
      await first.close();
    }

    const second = await startAbhaSandbox({ inMemory: false, dataDir });
    try {
      expect((await second.abha.call('GET', '/abha/api/v3/profile/public/certificate')).json.publicKey).toBe(certificate);
      const profile = await second.abha.call('GET', '/abha/api/v3/profile/account', { xToken });
      expect(profile.json).toMatchObject({ ABHANumber: abhaNumber, preferredAbhaAddress: 'kept.across600@sbx' });
      // A ciphertext made with the cached certificate still works, and the enrolled Aadhaar now logs in.
      const login = await second.abha.call('POST', '/abha/api/v3/profile/login/request/otp', { body: { scope: ['abha-login', 'aadhaar-verify'], loginHint: 'aadhaar', loginId: ciphertext, otpSystem: 'aadhaar' } });
      expect(login.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
