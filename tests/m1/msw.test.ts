// The ABHA service through MSW, at the real ABHA host: a partner's unit tests can fetch the certificate, request an
// Aadhaar OTP and read the ABHA card bytes in-process, and the journal shows what their code sent.
import { constants, createPublicKey, publicEncrypt, randomUUID } from 'node:crypto';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticAadhaar } from '../../protocol/ids/synthetic-aadhaar.js';
import { createAbdmHandlers, DEMO_HIP, type AbdmMsw } from '../../sandbox-server/msw/index.js';
import { SMALL_WORLD } from '../support/test-sandbox.js';

let abdm: AbdmMsw;
let server: ReturnType<typeof setupServer>;
let token: string;

beforeAll(async () => {
  abdm = await createAbdmHandlers(SMALL_WORLD);
  server = setupServer(...abdm.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const session = await fetch('https://dev.abdm.gov.in/api/hiecm/gateway/v3/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'REQUEST-ID': randomUUID(), TIMESTAMP: new Date().toISOString(), 'X-CM-ID': 'sbx' },
    body: JSON.stringify({ clientId: DEMO_HIP.clientId, clientSecret: DEMO_HIP.clientSecret, grantType: 'client_credentials' }),
  });
  token = ((await session.json()) as { accessToken: string }).accessToken;
});
afterAll(async () => {
  server.close();
  await abdm.close();
});

const headers = (extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${token}`, 'REQUEST-ID': randomUUID(), TIMESTAMP: new Date().toISOString(), 'Content-Type': 'application/json', ...extra });
const ABHA = 'https://abhasbx.abdm.gov.in/abha/api/v3';

describe('ABHA through MSW', () => {
  it('runs an Aadhaar-OTP enrolment and returns the card as image bytes at abhasbx.abdm.gov.in', async () => {
    const cert = (await (await fetch(`${ABHA}/profile/public/certificate`, { headers: headers() })).json()) as { publicKey: string };
    const key = createPublicKey({ key: Buffer.from(cert.publicKey, 'base64'), format: 'der', type: 'spki' });
    const encrypt = (text: string) => publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(text)).toString('base64');

    const otp = await fetch(`${ABHA}/enrollment/request/otp`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ txnId: '', scope: ['abha-enrol'], loginHint: 'aadhaar', loginId: encrypt(syntheticAadhaar(50)), otpSystem: 'aadhaar' }),
    });
    const { txnId } = (await otp.json()) as { txnId: string };
    const code = abdm.sandbox.abha.otps.view(txnId)!.otp as string;
    const patient = abdm.sandbox.ctx.world.patient(50);
    const enrolled = await fetch(`${ABHA}/enrollment/enrol/byAadhaar`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ authData: { authMethods: ['otp'], otp: { txnId, otpValue: encrypt(code), mobile: patient.mobile } }, consent: { code: 'abha-enrollment', version: '1.4' } }),
    });
    const body = (await enrolled.json()) as { tokens: { token: string }; isNew: boolean };
    expect(body.isNew).toBe(false);

    const card = await fetch(`${ABHA}/profile/account/abha-card`, { headers: headers({ 'X-token': `Bearer ${body.tokens.token}` }) });
    expect(card.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await card.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const journal = abdm.journal({ correlation: txnId });
    expect(journal.map((e) => e.operationId)).toEqual(['abha.enrol-request-otp', 'abha.enrol-by-aadhaar']);
    expect(abdm.journal({ operationId: 'abha.card' })[0].responseBody).toMatch(/^\(image\/png, \d+ bytes; not kept\)$/);
  });

  it('answers the legacy Health-ID host too, marked deprecated', async () => {
    const r = await fetch('https://healthidsbx.abdm.gov.in/api/v2/auth/cert', { headers: headers() });
    expect(r.status).toBe(200);
    expect(r.headers.get('deprecation')).toBe('true');
  });
});
