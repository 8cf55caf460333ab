// Checks a signed report bundle byte for byte: the signature (manifest.jws) verifies and has not expired, it names
// this manifest.json, every file the manifest lists is unchanged, and nothing was added. Every problem names its
// file, so a reviewer knows what was touched.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, EmbeddedJWK, errors, jwtVerify, type JWK } from 'jose';
import { REPORT_SIGNATURE_TYPE, type ReportSignatureClaims } from '../../sandbox-server/auth/report-signing-key.js';
import { MANIFEST_FILE, MANIFEST_VERSION, sha256Hex, SIGNATURE_FILE, type BundleManifest } from './bundle-manifest.js';

export interface BundleProblem {
  file: string;
  problem: string;
  /** changed: a byte differs, or a file is missing or added; expired; or signed by another key than the pinned one. */
  kind: 'changed' | 'expired' | 'other-key';
}

export interface SignatureFacts {
  keyId: string;
  /** The signing sandbox's public URL. */
  issuer: string;
  runId: string;
  signedAt: string;
  expiresAt: string;
  /** Whether the key is the one the reader pinned (undefined when none was). */
  pinned?: boolean;
}

export interface BundleVerification {
  /** True when there is no problem at all: intact, signed by the pinned key (if any), not expired. */
  ok: boolean;
  /** Every byte is as signed (whatever the expiry and the key). */
  intact: boolean;
  /** The signature has expired (the bytes may still be intact). */
  expired: boolean;
  problems: BundleProblem[];
  manifest?: BundleManifest;
  signature?: SignatureFacts;
}

export interface VerifyOptions {
  /** Milliseconds since the epoch: when the signature must still be valid. */
  now: number;
  /** A key id (JWK thumbprint) the signature must have been made with. */
  pinnedKeyId?: string;
}

const JWS_FILE_FORMAT = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\n$/;

/** Verifies the bundle in `dir`; throws only when `dir` is not a directory. */
export async function verifyBundle(dir: string, options: VerifyOptions): Promise<BundleVerification> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  const problems: BundleProblem[] = [];
  const problem = (file: string, text: string, kind: BundleProblem['kind'] = 'changed') => problems.push({ file, problem: text, kind });
  const read = (file: string): Buffer | undefined => (existsSync(join(dir, file)) && statSync(join(dir, file)).isFile() ? readFileSync(join(dir, file)) : undefined);

  const signed = await checkSignature(read(SIGNATURE_FILE), options, problem);
  const manifestBytes = read(MANIFEST_FILE);
  let manifest: BundleManifest | undefined;
  if (!manifestBytes) problem(MANIFEST_FILE, 'missing: this is not a signed bundle, or the manifest was removed');
  else {
    if (signed && signed.claims.manifest_sha256 !== sha256Hex(manifestBytes)) problem(MANIFEST_FILE, 'changed since it was signed (its SHA-256 is not the one the signature names)');
    try {
      manifest = JSON.parse(manifestBytes.toString('utf8')) as BundleManifest;
      if (manifest.manifestVersion !== MANIFEST_VERSION || !Array.isArray(manifest.files)) throw new Error('not a bundle manifest');
    } catch (err) {
      problem(MANIFEST_FILE, `not a bundle manifest of version ${MANIFEST_VERSION} (${(err as Error).message})`);
      manifest = undefined;
    }
  }
  if (manifest) {
    if (signed && signed.claims.sub !== manifest.run?.id) problem(MANIFEST_FILE, `is for run ${manifest.run?.id}, but the signature is for run ${signed.claims.sub}`);
    for (const f of manifest.files) {
      // A listed name is a file of this directory, never a path out of it.
      const content = /^[\w][\w.-]*$/.test(f.path) ? read(f.path) : undefined;
      if (!content) problem(f.path, 'missing');
      else if (content.byteLength !== f.bytes || sha256Hex(content) !== f.sha256) problem(f.path, 'changed since it was signed (SHA-256 differs)');
    }
    const listed = new Set([MANIFEST_FILE, SIGNATURE_FILE, ...manifest.files.map((f) => f.path)]);
    for (const name of readdirSync(dir).sort()) if (!listed.has(name)) problem(name, 'not part of the signed bundle (added after signing)');
  }
  const expired = signed?.expired ?? false;
  return {
    ok: problems.length === 0,
    intact: problems.every((p) => p.kind !== 'changed'),
    expired,
    problems,
    ...(manifest ? { manifest } : {}),
    ...(signed ? { signature: signed.facts } : {}),
  };
}

interface CheckedSignature {
  claims: ReportSignatureClaims;
  facts: SignatureFacts;
  expired: boolean;
}

/** The signature's claims when it verifies (expired or not); problems otherwise. */
async function checkSignature(bytes: Buffer | undefined, options: VerifyOptions, problem: (file: string, text: string, kind?: BundleProblem['kind']) => void): Promise<CheckedSignature | undefined> {
  if (!bytes) {
    problem(SIGNATURE_FILE, 'missing: the bundle is not signed');
    return undefined;
  }
  const text = bytes.toString('utf8');
  const m = JWS_FILE_FORMAT.exec(text);
  // base64url has spare bits: a changed character can decode to the same bytes, so only the canonical form counts.
  if (!m || m.slice(1, 4).some((part) => Buffer.from(part, 'base64url').toString('base64url') !== part)) {
    problem(SIGNATURE_FILE, 'changed: not the compact JWS the sandbox wrote');
    return undefined;
  }
  const jws = text.trimEnd();
  let expired = false;
  try {
    await jwtVerify(jws, EmbeddedJWK, { typ: REPORT_SIGNATURE_TYPE, algorithms: ['EdDSA'], currentDate: new Date(options.now) });
  } catch (err) {
    // jose checks the signature before the claims: an expired token was signed by its key.
    if (err instanceof errors.JWTExpired) expired = true;
    else {
      problem(SIGNATURE_FILE, err instanceof errors.JWSSignatureVerificationFailed ? 'changed: the signature does not verify' : `not a valid report signature (${(err as Error).message})`);
      return undefined;
    }
  }
  const header = decodeProtectedHeader(jws);
  const claims = decodeJwt(jws) as unknown as ReportSignatureClaims;
  const keyId = await calculateJwkThumbprint(header.jwk as JWK, 'sha256');
  if (header.kid !== keyId) {
    problem(SIGNATURE_FILE, `names key ${String(header.kid)} but carries key ${keyId}`);
    return undefined;
  }
  const facts: SignatureFacts = {
    keyId,
    issuer: claims.iss,
    runId: claims.sub,
    signedAt: new Date(claims.iat * 1000).toISOString(),
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    ...(options.pinnedKeyId ? { pinned: options.pinnedKeyId === keyId } : {}),
  };
  if (expired) problem(SIGNATURE_FILE, `the signature expired on ${facts.expiresAt}`, 'expired');
  if (facts.pinned === false) problem(SIGNATURE_FILE, `signed by key ${keyId}, not by the pinned key ${options.pinnedKeyId}`, 'other-key');
  return { claims, facts, expired };
}
