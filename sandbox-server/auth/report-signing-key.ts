// The sandbox's Ed25519 key for signing conformance report bundles (reports/bundle). A key of its own, never the
// gateway's RS256 key, so a report signature can never pass for a gateway token. Persisted like the gateway keys and
// published at GET /sandbox/signing-key, so a reviewer can pin it.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { MetaRepository } from '../store/meta-repository.js';

const META_KEY = 'reports.signing-key.v1';

export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

/** The public half of a report-signing key, as served and as written into every bundle manifest. */
export interface ReportKeyInfo {
  algorithm: 'Ed25519';
  /** RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key. */
  keyId: string;
  publicKeyJwk: Ed25519Jwk;
  /** The same key as SPKI PEM, for `openssl pkeyutl -verify`. */
  publicKeyPem: string;
}

/** Signs report bundles; the sandbox holds one (in process) or signs on request (over its admin API). */
export interface ReportSigner {
  key(): Promise<ReportKeyInfo>;
  /** The Ed25519 signature (64 bytes) of exactly these bytes. */
  sign(bytes: Uint8Array): Promise<Uint8Array>;
}

export class ReportSigningKey implements ReportSigner {
  readonly info: ReportKeyInfo;

  private constructor(private readonly privateKey: KeyObject) {
    this.info = reportKeyInfo(createPublicKey(privateKey));
  }

  async key(): Promise<ReportKeyInfo> {
    return this.info;
  }

  async sign(bytes: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(sign(null, bytes, this.privateKey));
  }

  /** Loads the key from the store, generating and saving it on first start (Ed25519 keys take microseconds). */
  static loadOrCreate(meta: MetaRepository): ReportSigningKey {
    const saved = meta.get(META_KEY);
    if (saved) return new ReportSigningKey(createPrivateKey(saved));
    const { privateKey } = generateKeyPairSync('ed25519');
    meta.put(META_KEY, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    return new ReportSigningKey(privateKey);
  }
}

/** Key id, JWK and PEM of an Ed25519 public key. */
export function reportKeyInfo(publicKey: KeyObject): ReportKeyInfo {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`a report-signing key is Ed25519, not ${publicKey.asymmetricKeyType ?? 'unknown'}`);
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  const publicKeyJwk: Ed25519Jwk = { kty: 'OKP', crv: 'Ed25519', x };
  return { algorithm: 'Ed25519', keyId: jwkThumbprint(publicKeyJwk), publicKeyJwk, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

/** RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace. */
function jwkThumbprint(jwk: Ed25519Jwk): string {
  return createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest('base64url');
}
