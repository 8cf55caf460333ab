import { describe, expect, it } from 'vitest';
import { decrypt, encrypt } from './fidelius-cli-operations.js';
import { FIDELIUS_CLI_VECTOR as V } from './fidelius-test-vector.js';
import { computeSharedSecret } from './key-agreement.js';
import { derivePublicKey } from './key-pair.js';
import { encodeBase64 } from './strict-base64.js';

describe('the fidelius-cli README vector (spec §8.3)', () => {
  for (const form of ['publicKey', 'x509PublicKey'] as const) {
    it(`encrypts to the published ciphertext with the requester's ${form}`, () => {
      const encrypted = encrypt({
        plaintext: V.plaintext,
        senderNonce: V.sender.nonce,
        requesterNonce: V.requester.nonce,
        senderPrivateKey: V.sender.privateKey,
        requesterPublicKey: V.requester[form],
      });
      expect(encrypted).toBe(V.encryptedData);
    });

    it(`decrypts the published ciphertext with the sender's ${form}`, () => {
      const plaintext = decrypt({
        encrypted: V.encryptedData,
        requesterNonce: V.requester.nonce,
        senderNonce: V.sender.nonce,
        requesterPrivateKey: V.requester.privateKey,
        senderPublicKey: V.sender[form],
      });
      expect(plaintext).toBe(V.plaintext);
    });
  }

  it('derives the published shared secret from either side', () => {
    expect(encodeBase64(computeSharedSecret(V.sender.privateKey, V.requester.publicKey))).toBe(V.sharedSecret);
    expect(encodeBase64(computeSharedSecret(V.requester.privateKey, V.sender.x509PublicKey))).toBe(V.sharedSecret);
  });

  it('emits both public keys byte-identical to what fidelius-cli printed', () => {
    for (const side of [V.requester, V.sender]) {
      expect(derivePublicKey(side.privateKey)).toEqual({ publicKey: side.publicKey, x509PublicKey: side.x509PublicKey });
      expect(side.publicKey).toHaveLength(88);
      expect(side.x509PublicKey).toHaveLength(412);
    }
  });

  it('decrypts whichever order the two nonces come in (XOR commutes), but not with one side\'s nonce twice', () => {
    expect(() =>
      decrypt({
        encrypted: V.encryptedData,
        requesterNonce: V.sender.nonce,
        senderNonce: V.requester.nonce,
        requesterPrivateKey: V.requester.privateKey,
        senderPublicKey: V.sender.publicKey,
      }),
    ).not.toThrow();
    expect(() =>
      decrypt({
        encrypted: V.encryptedData,
        requesterNonce: V.requester.nonce,
        senderNonce: V.requester.nonce,
        requesterPrivateKey: V.requester.privateKey,
        senderPublicKey: V.sender.publicKey,
      }),
    ).toThrow(expect.objectContaining({ reason: 'decrypt-failed' }));
  });
});
