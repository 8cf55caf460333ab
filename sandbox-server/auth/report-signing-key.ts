// The sandbox's Ed25519 key for signing conformance report bundles (reports/bundle). A key of its own, never the
// gateway's RS256 key, so a report signature can never pass for a gateway token. It signs a short JWT naming the
// SHA-256 of a bundle's manifest, with the sandbox's time and an expiry; published at GET /sandbox/signing-key.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, SignJWT } from 'jose';
import type { Clock } from '../../protocol/clock.js';
import type { MetaRepository } from '../store/meta-repository.js';

const META_KEY = 'reports.signing-key.v1';

/** The `typ` of a report signature, so it is never mistaken for (or accepted as) another kind of JWT. */
export const REPORT_SIGNATURE_TYPE = 'abdm-report+jwt';

/** Longest validity a signature may ask for (ten years); the default is 90 days (reports/bundle). */
export const MAX_VALIDITY_DAYS = 3650;

export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

/** The public half of a report-signing key. */
export interface ReportKeyInfo {
  algorithm: 'Ed25519';
  /** RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key. */
  keyId: string;
  publicKeyJwk: Ed25519Jwk;
  /** The same key as SPKI PEM. */
  publicKeyPem: string;
}

export interface ManifestSignatureRequest {
  /** Hex SHA-256 of the manifest.json bytes. */
  manifestSha256: string;
  runId: string;
  validityDays: number;
}

/** The claims of a report signature (a JWT, header `typ: abdm-report+jwt`, `alg: EdDSA`, `kid`, `jwk`). */
export interface ReportSignatureClaims {
  /** The signing sandbox's public URL. */
  iss: string;
  /** The run id. */
  sub: string;
  iat: number;
  exp: number;
  manifest_sha256: string;
}

/** Signs report bundles: the sandbox holds the key (in process) or signs on request (over its admin API). */
export interface ReportSigner {
  key(): Promise<ReportKeyInfo>;
  /** A compact JWS over the manifest's digest, valid for `validityDays` from the sandbox's now. */
  signManifest(request: ManifestSignatureRequest): Promise<string>;
}

export class ReportSigningKey implements ReportSigner {
  private constructor(
    private readonly privateKey: KeyObject,
    readonly info: ReportKeyInfo,
    private readonly issuer: string,
    private readonly clock: Clock,
  ) {}

  async key(): Promise<ReportKeyInfo> {
    return this.info;
  }

  async signManifest(request: ManifestSignatureRequest): Promise<string> {
    const problem = manifestSignatureProblem(request);
    if (problem) throw new Error(problem);
    const iat = Math.floor(this.clock.now() / 1000);
    return new SignJWT({ manifest_sha256: request.manifestSha256 })
      .setProtectedHeader({ alg: 'EdDSA', typ: REPORT_SIGNATURE_TYPE, kid: this.info.keyId, jwk: this.info.publicKeyJwk })
      .setIssuer(this.issuer)
      .setSubject(request.runId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + request.validityDays * 86_400)
      .sign(this.privateKey);
  }

  /** Loads the key from the store, generating and saving it on first start (an Ed25519 key takes microseconds). */
  static async loadOrCreate(meta: MetaRepository, options: { issuer: string; clock: Clock }): Promise<ReportSigningKey> {
    const saved = meta.get(META_KEY);
    let privateKey: KeyObject;
    if (saved) privateKey = createPrivateKey(saved);
    else {
      privateKey = generateKeyPairSync('ed25519').privateKey;
      meta.put(META_KEY, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    }
    return new ReportSigningKey(privateKey, await reportKeyInfo(createPublicKey(privateKey)), options.issuer, options.clock);
  }
}

/** What is wrong with a signature request, in one line; undefined when nothing is. */
export function manifestSignatureProblem(request: Partial<ManifestSignatureRequest>): string | undefined {
  if (typeof request.manifestSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(request.manifestSha256)) return 'manifestSha256 must be the hex SHA-256 of manifest.json (64 lower-case hex digits)';
  if (typeof request.runId !== 'string' || request.runId === '' || request.runId.length > 200) return 'runId must be the run id (1 to 200 characters)';
  if (!Number.isInteger(request.validityDays) || request.validityDays! < 1 || request.validityDays! > MAX_VALIDITY_DAYS) return `validityDays must be an integer from 1 to ${MAX_VALIDITY_DAYS}`;
  return undefined;
}

/** Key id, JWK and PEM of an Ed25519 public key. */
export async function reportKeyInfo(publicKey: KeyObject): Promise<ReportKeyInfo> {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`a report-signing key is Ed25519, not ${publicKey.asymmetricKeyType ?? 'unknown'}`);
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  const publicKeyJwk: Ed25519Jwk = { kty: 'OKP', crv: 'Ed25519', x };
  return { algorithm: 'Ed25519', keyId: await calculateJwkThumbprint(publicKeyJwk, 'sha256'), publicKeyJwk, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}
