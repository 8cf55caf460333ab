import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { N } from './curve-parameters.js';
import { decodePrivateKey, decodePublicKey } from './key-encoding.js';
import { cryptoRandomBytes, generateKeyPair, generateNonce, generatePrivateScalar, seededRandomBytes } from './key-pair.js';
import { referencePublicPoint } from './weierstrass-reference.js';

describe('key generation', () => {
  it('is byte-identical for the same seed and differs for another', () => {
    const a = generateKeyPair(seededRandomBytes(new Rng(7)));
    const b = generateKeyPair(seededRandomBytes(new Rng(7)));
    const c = generateKeyPair(seededRandomBytes(new Rng(8)));
    expect(a).toEqual(b);
    expect(c.privateKey).not.toBe(a.privateKey);
    expect(generateNonce(seededRandomBytes(new Rng(7)))).toBe(generateNonce(seededRandomBytes(new Rng(7))));
  });

  it('produces keys in fidelius-cli\'s shapes whose public half is d·G', () => {
    const pair = generateKeyPair(cryptoRandomBytes);
    expect(pair.publicKey).toHaveLength(88);
    expect(pair.x509PublicKey).toHaveLength(412);
    expect(pair.x509PublicKey.startsWith('MIIBMTCB6gYHKoZIzj0CATCB3gIBATAr')).toBe(true);
    const d = decodePrivateKey(pair.privateKey);
    expect(decodePublicKey(pair.publicKey).point).toEqual(referencePublicPoint(d));
    expect(decodePublicKey(pair.x509PublicKey).point).toEqual(referencePublicPoint(d));
  });

  it('draws scalars below n, skipping draws that are out of range as BouncyCastle does', () => {
    // First draw: all ones (≥ n after masking to 253 bits), then a valid one.
    const draws = [new Uint8Array(32).fill(0xff), Uint8Array.from(Buffer.from('0ccc473eb8bc77b213db72a02e4dbcd7365e9cc7d51d271e6a6ab4461c252019', 'hex'))];
    const scripted = () => draws.shift()!;
    expect(generatePrivateScalar(scripted)).toBe(0x0ccc473eb8bc77b213db72a02e4dbcd7365e9cc7d51d271e6a6ab4461c252019n);
    for (let i = 0; i < 50; i++) expect(generatePrivateScalar(cryptoRandomBytes) < N).toBe(true);
  });

  it('makes 44-character nonces of 32 bytes', () => {
    const nonce = generateNonce(cryptoRandomBytes);
    expect(nonce).toHaveLength(44);
    expect(Buffer.from(nonce, 'base64')).toHaveLength(32);
  });
});
