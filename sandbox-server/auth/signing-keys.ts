// The gateway's RSA keys, as a Keycloak realm has them: an RS256 key that signs session tokens and every
// gateway→bridge call, and an RS512 key that is only published (spec §2.2). Persisted, so a partner's cached
// JWKS stays valid across restarts.
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { MetaRepository } from '../store/meta-repository.js';
import { selfSignedCertificate } from './self-signed-certificate.js';

const generateRsa = promisify(generateKeyPair);
const META_KEY = 'gateway.signing-keys.v1';
const ALGS = ['RS256', 'RS512'] as const;

export type SigningAlg = (typeof ALGS)[number];

/** Fresh RSA-2048 key pairs for the two keys, in the order of ALGS. */
export type SigningKeyPairs = Array<{ privateKey: KeyObject; publicKey: KeyObject }>;

/**
 * Starts generating the key pairs a first start needs (a few hundred ms on the thread pool), so a caller can
 * overlap it with loading its modules; `loadOrCreate` uses them only when the store holds no keys yet.
 */
export function generateSigningKeyPairs(): Promise<SigningKeyPairs> {
  return Promise.all(ALGS.map(() => generateRsa('rsa', { modulusLength: 2048 })));
}

export interface SigningKey {
  alg: SigningAlg;
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Base64 DER of a self-signed certificate, CN=central-registry, as Keycloak publishes in `x5c`. */
  certificate: string;
}

export interface Jwk {
  kid: string;
  kty: 'RSA';
  alg: SigningAlg;
  use: 'sig';
  n: string;
  e: string;
  x5c: string[];
  x5t: string;
  'x5t#S256': string;
}

interface StoredKey {
  alg: SigningAlg;
  kid: string;
  privateKeyPem: string;
  certificate: string;
}

export class SigningKeys {
  private constructor(readonly keys: ReadonlyArray<SigningKey>) {}

  /** The key that signs everything the gateway issues. */
  get signing(): SigningKey {
    return this.keys.find((k) => k.alg === 'RS256')!;
  }

  byKid(kid: string): SigningKey | undefined {
    return this.keys.find((k) => k.kid === kid);
  }

  /** The JWKS document (`{"keys": [...]}`) served at every certs path. */
  jwks(): { keys: Jwk[] } {
    return {
      keys: this.keys.map((k) => {
        const jwk = k.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
        const der = Buffer.from(k.certificate, 'base64');
        return {
          kid: k.kid,
          kty: 'RSA',
          alg: k.alg,
          use: 'sig',
          n: jwk.n,
          e: jwk.e,
          x5c: [k.certificate],
          x5t: createHash('sha1').update(der).digest('base64url'),
          'x5t#S256': createHash('sha256').update(der).digest('base64url'),
        };
      }),
    };
  }

  /** Loads the keys from the store, generating and saving them on first start. */
  static async loadOrCreate(meta: MetaRepository, nowMs: number, pairs: () => Promise<SigningKeyPairs> = generateSigningKeyPairs): Promise<SigningKeys> {
    const saved = meta.get(META_KEY);
    if (saved) return new SigningKeys((JSON.parse(saved) as StoredKey[]).map(fromStored));
    const generated = await pairs();
    const created = ALGS.map((alg, i) => createKey(alg, generated[i], nowMs));
    meta.put(META_KEY, JSON.stringify(created));
    return new SigningKeys(created.map(fromStored));
  }
}

function fromStored(stored: StoredKey): SigningKey {
  const privateKey = createPrivateKey(stored.privateKeyPem);
  return { alg: stored.alg, kid: stored.kid, privateKey, publicKey: createPublicKey(privateKey), certificate: stored.certificate };
}

function createKey(alg: SigningAlg, { privateKey, publicKey }: SigningKeyPairs[number], nowMs: number): StoredKey {
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  // Keycloak kids are opaque 43-character strings; a SHA-256 of the key gives the same look and is stable.
  const kid = createHash('sha256').update(spki).digest('base64url');
  const certificate = selfSignedCertificate(privateKey, publicKey, {
    commonName: 'central-registry',
    serialHex: Math.floor(nowMs / 1000).toString(16),
    notBeforeMs: nowMs - 24 * 3600_000,
    notAfterMs: nowMs + 10 * 365 * 24 * 3600_000,
    hash: alg === 'RS256' ? 'sha256' : 'sha512',
  });
  return { alg, kid, privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), certificate };
}
