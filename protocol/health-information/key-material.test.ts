import { describe, expect, it } from 'vitest';
import { FIDELIUS_CLI_VECTOR as V } from '../fidelius/fidelius-test-vector.js';
import { checkKeyMaterial } from './key-material-check.js';
import { buildKeyMaterial, readKeyMaterial, type KeyMaterial } from './key-material.js';
import { EXPIRY, NOW, party } from './test-support.js';

const vectorKeyMaterial = (overrides: Partial<KeyMaterial> = {}): KeyMaterial => ({
  ...buildKeyMaterial({ keyPair: V.requester, nonce: V.requester.nonce, expiry: EXPIRY }),
  ...overrides,
});
const ruleIds = (value: unknown, now = NOW) => checkKeyMaterial(value, { now, owner: 'the HIU' }).findings.map((f) => f.ruleId);

describe('building keyMaterial', () => {
  it('writes the spec fields, the X.509 key by default and the raw key on request', () => {
    expect(vectorKeyMaterial()).toEqual({
      cryptoAlg: 'ECDH',
      curve: 'Curve25519',
      dhPublicKey: { expiry: EXPIRY, parameters: 'Curve25519/32byte random key', keyValue: V.requester.x509PublicKey },
      nonce: V.requester.nonce,
    });
    const raw = buildKeyMaterial({ keyPair: V.requester, nonce: V.requester.nonce, expiry: Date.parse(EXPIRY), publicKeyEncoding: 'raw' });
    expect(raw.dhPublicKey.keyValue).toBe(V.requester.publicKey);
    expect(raw.dhPublicKey.expiry).toBe(EXPIRY);
  });
});

describe('reading keyMaterial for use', () => {
  it('refuses an expired key, naming when it expired', () => {
    const km = vectorKeyMaterial();
    expect(readKeyMaterial(km, NOW).expiresAt).toBe(Date.parse(EXPIRY));
    expect(() => readKeyMaterial(km, Date.parse(EXPIRY), 'the HIU')).toThrow(
      expect.objectContaining({ reason: 'key-expired', message: expect.stringContaining("the HIU's key expired at 2026-03-31T10:00:00.000Z") }),
    );
    expect(() => readKeyMaterial(vectorKeyMaterial({ dhPublicKey: { ...km.dhPublicKey, expiry: 'soon' } }), NOW)).toThrow(
      expect.objectContaining({ reason: 'bad-expiry' }),
    );
  });
});

describe('checking keyMaterial', () => {
  it('finds nothing wrong with good key material in either key form, whatever the curve\'s letter case', () => {
    expect(ruleIds(vectorKeyMaterial())).toEqual([]);
    expect(ruleIds(party(1, 'raw').keyMaterial)).toEqual([]);
    expect(ruleIds(vectorKeyMaterial({ curve: 'curve25519' }))).toEqual([]);
  });

  it('reports each wrong field with its rule and JSON path', () => {
    const bad = {
      cryptoAlg: 'ECDHE',
      curve: 'P-256',
      dhPublicKey: { expiry: '2026-02-01T00:00:00Z', keyValue: Buffer.alloc(64, 1).toString('base64') },
      nonce: Buffer.alloc(16).toString('base64'),
    };
    const { findings } = checkKeyMaterial(bad, { now: NOW, owner: 'the HIU', path: '$.hiRequest.keyMaterial' });
    expect(findings.map((f) => [f.ruleId, f.severity, f.path])).toEqual([
      ['KEYMAT.CRYPTO-ALG', 'error', '$.hiRequest.keyMaterial.cryptoAlg'],
      ['KEYMAT.CURVE', 'error', '$.hiRequest.keyMaterial.curve'],
      ['KEYMAT.PARAMETERS', 'warning', '$.hiRequest.keyMaterial.dhPublicKey.parameters'],
      ['KEYMAT.PUBLIC-KEY', 'error', '$.hiRequest.keyMaterial.dhPublicKey.keyValue'],
      ['KEYMAT.EXPIRED', 'error', '$.hiRequest.keyMaterial.dhPublicKey.expiry'],
      ['KEYMAT.NONCE', 'error', '$.hiRequest.keyMaterial.nonce'],
    ]);
    expect(findings[3].message).toBe(
      "the HIU's public key is 64 bytes; expected a 65-byte raw point (88 base64 chars) or a 309-byte X.509 key (412 chars)",
    );
    expect(findings[5].message).toContain("the HIU's nonce is 16 bytes");
  });

  it('tells an off-curve key from a malformed one, and a bad expiry from an expired one', () => {
    const point = Buffer.from(V.requester.publicKey, 'base64');
    point[64] ^= 1;
    const km = vectorKeyMaterial();
    expect(ruleIds({ ...km, dhPublicKey: { ...km.dhPublicKey, keyValue: point.toString('base64') } })).toEqual(['KEYMAT.KEY-ON-CURVE']);
    expect(ruleIds({ ...km, dhPublicKey: { ...km.dhPublicKey, expiry: '31/03/2026' } })).toEqual(['KEYMAT.EXPIRY']);
    expect(ruleIds({ ...km, dhPublicKey: { ...km.dhPublicKey, expiry: undefined } })).toEqual(['KEYMAT.EXPIRY']);
  });

  it('reports missing pieces instead of throwing', () => {
    expect(ruleIds(undefined)).toEqual(['KEYMAT.PRESENT']);
    expect(ruleIds('ECDH')).toEqual(['KEYMAT.PRESENT']);
    expect(ruleIds({ cryptoAlg: 'ECDH', curve: 'Curve25519' })).toEqual(['KEYMAT.PUBLIC-KEY', 'KEYMAT.NONCE']);
    expect(ruleIds({ ...vectorKeyMaterial(), nonce: 42 })).toEqual(['KEYMAT.NONCE']);
  });

  it('returns the decoded key and nonce when they are usable', () => {
    const check = checkKeyMaterial(vectorKeyMaterial(), { now: NOW });
    expect(check.publicKey).toBeDefined();
    expect(check.nonce).toHaveLength(32);
  });
});
