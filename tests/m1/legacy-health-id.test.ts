// The legacy Health-ID v1/v2 compatibility layer (spec §4.6) over HTTP: registration by Aadhaar OTP with
// PKCS#1 v1.5 encryption under the legacy certificate, auth/init and confirm, profile, card and search. Same
// accounts as ABHA v3; every answer says it is deprecated and names its successor.
import { constants, createPublicKey, publicEncrypt, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAbhaNumber } from '../../protocol/ids/abha-number.js';
import { syntheticAadhaar } from '../../protocol/ids/synthetic-aadhaar.js';
import { startAbhaSandbox, type AbhaTestSandbox } from '../support/abha-client.js';

let t: AbhaTestSandbox;
let legacyKey: KeyObject;
beforeAll(async () => {
  t = await startAbhaSandbox();
  const cert = await t.abha.call('GET', '/api/v2/auth/cert');
  legacyKey = createPublicKey(cert.text);
});
afterAll(() => t.close());

const pkcs1 = (text: string) => publicEncrypt({ key: legacyKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(text)).toString('base64');

describe('legacy Health-ID APIs', () => {
  it('publish the legacy key as PEM text and mark every answer deprecated with its successor', async () => {
    const r = await t.abha.call('GET', '/api/v1/auth/cert');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(r.text).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(r.headers.get('deprecation')).toBe('true');
    expect(r.headers.get('link')).toBe('</abha/api/v3/profile/public/certificate>; rel="successor-version"');
    expect(r.headers.get('warning')).toMatch(/^299 - "Deprecated API/);
  });

  it('register a new Health ID by Aadhaar OTP with a chosen healthId, then log in with auth/init and read profile, card and search', async () => {
    const gen = await t.abha.call('POST', '/api/v2/registration/aadhaar/generateOtp', { body: { aadhaar: pkcs1(syntheticAadhaar(5_000_500)) } });
    expect(gen.status).toBe(200);
    expect(gen.json.mobileNumber).toMatch(/^\*{6}\d{4}$/);
    const txnId = gen.json.txnId as string;
    expect((await t.abha.call('POST', '/api/v2/registration/aadhaar/verifyOTP', { body: { otp: pkcs1(await t.abha.otp(txnId)), txnId } })).json).toEqual({ txnId });
    const mobile = await t.abha.call('POST', '/api/v2/registration/aadhaar/checkAndGenerateMobileOTP', { body: { mobile: '9222200001', txnId } });
    expect(mobile.json).toEqual({ txnId, mobileLinked: false });
    expect((await t.abha.call('POST', '/api/v2/registration/aadhaar/verifyMobileOTP', { body: { otp: pkcs1(await t.abha.otp(txnId)), txnId } })).status).toBe(200);
    const created = await t.abha.call('POST', '/api/v2/registration/aadhaar/createHealthIdByAdhaar', { body: { consent: true, consentVersion: 'v1.0', txnId, healthId: 'legacy.user500' } });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ healthId: 'legacy.user500@sbx', mobile: '9222200001', new: true, healthIdNumber: expect.stringMatching(/^91-/) });

    const init = await t.abha.call('POST', '/api/v1/auth/init', { body: { authMethod: 'AADHAAR_OTP', healthid: 'legacy.user500@sbx' } });
    const confirm = await t.abha.call('POST', '/api/v1/auth/confirmWithAadhaarOtp', { body: { otp: await t.abha.otp(init.json.txnId), txnId: init.json.txnId } });
    expect(Object.keys(confirm.json)).toEqual(['token']);
    const xToken = confirm.json.token as string;
    const profile = await t.abha.call('GET', '/api/v1/account/profile', { headers: { 'X-Token': `Bearer ${xToken}` } });
    expect(profile.json).toMatchObject({ healthIdNumber: created.json.healthIdNumber, healthId: 'legacy.user500@sbx', kycVerified: true });
    const card = await t.abha.call('GET', '/api/v1/account/getPngCard', { headers: { 'X-Token': `Bearer ${xToken}` } });
    expect(card.headers.get('content-type')).toBe('image/png');
    expect(card.headers.get('deprecation')).toBe('true');

    const search = await t.abha.call('POST', '/api/v1/search/searchByHealthId', { body: { healthId: 'legacy.user500' } });
    expect(search.json).toMatchObject({ healthIdNumber: created.json.healthIdNumber, status: 'ACTIVE' });
    expect((await t.abha.call('POST', '/api/v1/search/existsByHealthId', { body: { healthId: 'legacy.user500@sbx' } })).json).toEqual({ status: true });
    expect((await t.abha.call('POST', '/api/v1/search/existsByHealthId', { body: { healthId: 'never.made500@sbx' } })).json).toEqual({ status: false });

    // The same account through ABHA v3: the number and the address are one account.
    const v3 = await t.abha.call('GET', '/abha/api/v3/profile/account', { xToken });
    expect(v3.json).toMatchObject({ ABHANumber: created.json.healthIdNumber, preferredAbhaAddress: 'legacy.user500@sbx' });
  });

  it('answer errors in the legacy HIS shape, carrying the v3 code', async () => {
    const r = await t.abha.call('POST', '/api/v1/auth/init', { body: { authMethod: 'PASSWORD', healthid: formatAbhaNumber(t.running.sandbox.ctx.world.patient(1).abhaNumber) } });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ code: 'HIS-400', message: expect.any(String), details: [{ code: 'authMethod', message: expect.stringMatching(/not simulated/), attribute: null }] });
    expect(r.headers.get('deprecation')).toBe('true');
    const unknown = await t.abha.call('POST', '/api/v1/search/searchByHealthId', { body: { healthId: 'nobody.at.all9@sbx' } });
    expect(unknown.status).toBe(404);
    expect(unknown.json.details[0].code).toBe('ABDM-1114');
  });

  it('show up as deprecated in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${t.running.url}/api/hiecm/openapi.json`)).json()) as { paths: Record<string, Record<string, { deprecated?: boolean; parameters: Array<{ name: string; required: boolean }> }>> };
    expect(doc.paths['/api/v1/auth/init'].post.deprecated).toBe(true);
    const profile = doc.paths['/abha/api/v3/profile/account'].get;
    expect(profile.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'X-token', required: true }), expect.objectContaining({ name: 'X-CM-ID', required: false })]));
  });
});
