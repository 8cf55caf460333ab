// AES-256-GCM under a Fidelius session key: the tag (128 bits) is appended to the ciphertext, as BouncyCastle's
// GCMBlockCipher does, and there is no associated data. One session encrypts every entry of a push.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { FideliusError } from './fidelius-error.js';
import { computeSharedSecret, type PrivateKeyInput, type PublicKeyInput } from './key-agreement.js';
import { decodeNonce, deriveSessionKey, type SessionKey } from './session-key.js';
import { decodeBase64, encodeBase64 } from './strict-base64.js';

const TAG_BYTES = 16;

/** Which side we are: the sender (HIP) encrypts for the requester (HIU), who decrypts. */
export type FideliusRole = 'sender' | 'requester';

export interface SessionCipherOptions {
  /** Our private key (base64 BigInteger.toByteArray(), or a scalar). */
  privateKey: PrivateKeyInput;
  /** The peer's public key (base64 raw or X.509, or a point). */
  peerPublicKey: PublicKeyInput;
  /** Our nonce, base64 (or raw 32 bytes). */
  nonce: string | Uint8Array;
  /** The peer's nonce, base64 (or raw 32 bytes). */
  peerNonce: string | Uint8Array;
  /** Our role, used only to word errors ("the sender's nonce …"). */
  role: FideliusRole;
}

/** A derived session: encrypts and decrypts any number of payloads with one key agreement. */
export class SessionCipher {
  private constructor(private readonly key: SessionKey) {}

  /** Performs the key agreement and key derivation once. */
  static create(options: SessionCipherOptions): SessionCipher {
    const self = options.role;
    const peer: FideliusRole = self === 'sender' ? 'requester' : 'sender';
    const nonce = typeof options.nonce === 'string' ? decodeNonce(options.nonce, `the ${self}'s nonce`) : options.nonce;
    const peerNonce = typeof options.peerNonce === 'string' ? decodeNonce(options.peerNonce, `the ${peer}'s nonce`) : options.peerNonce;
    const shared = computeSharedSecret(options.privateKey, options.peerPublicKey, {
      privateKey: `the ${self}'s private key`,
      publicKey: `the ${peer}'s public key`,
    });
    return new SessionCipher(deriveSessionKey(shared, nonce, peerNonce));
  }

  /** Wraps an already derived key (for tests and benchmarks of the cipher alone). */
  static fromKey(key: SessionKey): SessionCipher {
    return new SessionCipher(key);
  }

  /** ciphertext || tag. A string is encoded as UTF-8 (Java 18+'s default for String.getBytes()). */
  encryptBytes(plaintext: string | Uint8Array): Uint8Array {
    const cipher = createCipheriv('aes-256-gcm', this.key.aesKey, this.key.iv);
    const body = typeof plaintext === 'string' ? cipher.update(plaintext, 'utf8') : cipher.update(plaintext);
    return new Uint8Array(Buffer.concat([body, cipher.final(), cipher.getAuthTag()]));
  }

  /** base64(ciphertext || tag), the `content` of a push entry. */
  encrypt(plaintext: string | Uint8Array): string {
    return encodeBase64(this.encryptBytes(plaintext));
  }

  /** Verifies the tag and returns the plaintext bytes. */
  decryptBytes(sealed: Uint8Array): Uint8Array {
    if (sealed.length < TAG_BYTES) {
      throw new FideliusError('decrypt-failed', `the encrypted data is ${sealed.length} bytes, shorter than the 16-byte GCM tag it must end with`);
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key.aesKey, this.key.iv);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const body = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
    try {
      return new Uint8Array(Buffer.concat([body, decipher.final()]));
    } catch {
      throw new FideliusError(
        'decrypt-failed',
        'AES-GCM authentication failed: the data was not encrypted with this key pair and these nonces ' +
          '(nonces swapped? wrong private key or peer key? content altered or re-encoded?)',
      );
    }
  }

  /** Decodes base64 `content` and decrypts it. */
  decrypt(content: string): Uint8Array {
    return this.decryptBytes(decodeBase64(content, 'the encrypted data'));
  }
}
