import { constants, generateKeyPairSync, publicEncrypt, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptAbhaField, decryptLegacyField, type AbhaRsaKey } from './encrypted-field.js';

function key(bits: number, description: string): AbhaRsaKey & { publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return { privateKey, publicKey, bytes: bits / 8, description };
}

// 2048-bit keys keep the test quick; the rules do not depend on the size, only on which key is which.
const profile = key(2048, 'the profile key');
const other = key(1024, 'the PHR key');
const sameSize = key(2048, 'the legacy key');

const oaep = (k: { publicKey: KeyObject }, text: string, hash = 'sha1') =>
  publicEncrypt({ key: k.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, Buffer.from(text)).toString('base64');
const pkcs1 = (k: { publicKey: KeyObject }, text: string) => publicEncrypt({ key: k.publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(text)).toString('base64');

describe('decryptAbhaField', () => {
  it('decrypts RSA-OAEP with SHA-1, the one padding ABHA v3 takes', () => {
    expect(decryptAbhaField(oaep(profile, '91-1234-5678-9012'), profile, [other, sameSize], 'loginId')).toEqual({ ok: true, plaintext: '91-1234-5678-9012' });
  });

  it('names PKCS#1 v1.5 padding', () => {
    const r = decryptAbhaField(pkcs1(profile, '999941057058'), profile, [other], 'loginId');
    expect(r).toMatchObject({ ok: false, problem: 'pkcs1-padding', ruleId: 'abha-enc-pkcs1-padding' });
  });

  it('names OAEP with SHA-256', () => {
    expect(decryptAbhaField(oaep(profile, '123456', 'sha256'), profile, [other], 'otpValue')).toMatchObject({ ok: false, problem: 'oaep-sha256' });
  });

  it('names the other key, by ciphertext length and by trial decryption', () => {
    const byLength = decryptAbhaField(oaep(other, '9876543210'), profile, [other], 'loginId');
    expect(byLength).toMatchObject({ ok: false, problem: 'wrong-key' });
    expect(!byLength.ok && byLength.detail).toContain('the PHR key');
    const byTrial = decryptAbhaField(oaep(sameSize, '9876543210'), profile, [sameSize], 'loginId');
    expect(!byTrial.ok && byTrial.detail).toContain('encrypted with the legacy key');
  });

  it('refuses plain text and non-base64 without repeating the value', () => {
    const plain = decryptAbhaField('999941057058', profile, [], 'loginId');
    expect(plain).toMatchObject({ ok: false, problem: 'not-encrypted' });
    expect(!plain.ok && plain.detail).not.toContain('999941057058');
    expect(decryptAbhaField('%%%not base64%%%'.repeat(6), profile, [], 'loginId')).toMatchObject({ ok: false, problem: 'not-base64' });
  });

  it('accepts base64 broken into lines, as Java MIME encoders write it', () => {
    const wrapped = oaep(profile, '123456').replace(/(.{76})/g, '$1\r\n');
    expect(decryptAbhaField(wrapped, profile, [], 'otpValue')).toEqual({ ok: true, plaintext: '123456' });
  });
});

describe('decryptLegacyField', () => {
  it('decrypts PKCS#1 v1.5, which the legacy Health-ID APIs used', () => {
    expect(decryptLegacyField(pkcs1(profile, '999941057058'), profile, 'aadhaar')).toMatchObject({ ok: true, plaintext: '999941057058', padding: 'pkcs1' });
  });
});
