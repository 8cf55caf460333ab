// Benchmark for Fidelius (issue #4): key agreements per second (target ≥ 2,000 on one core), AES-256-GCM
// throughput on a 50 KB FHIR bundle (target ≥ 100 MB/s) and whole encrypt-entry operations per second.
// Also times the alternatives the fast path was chosen over. Run alone: `npx tsx bench/fidelius.ts`.
import { createPrivateKey, createPublicKey, diffieHellman, getCiphers } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  SessionCipher,
  X509_EXPLICIT_HEADER,
  computeSharedSecret,
  decodePrivateKey,
  decodePublicKey,
  deriveSessionKey,
  encrypt,
  generateKeyPair,
  generateNonce,
  seededRandomBytes,
  type AffinePoint,
  type FideliusKeyPair,
} from '../protocol/fidelius/index.js';
import { bigIntToBytes } from '../protocol/fidelius/integer-bytes.js';
import { referenceAgreementX } from '../protocol/fidelius/weierstrass-reference.js';
import { Rng } from '../protocol/random.js';

const TARGET_AGREEMENTS_PER_SECOND = 2_000;
const TARGET_GCM_MB_PER_SECOND = 100;
const BUNDLE_BYTES = 50 * 1024;

interface Measurement {
  opsPerSecond: number;
  meanMicroseconds: number;
  iterations: number;
}

/** Calls `fn(i)` repeatedly for at least `minMs` (after a short warm-up) and reports the rate. */
function measure(fn: (i: number) => void, minMs = 1_000, warmup = 50): Measurement {
  for (let i = 0; i < warmup; i++) fn(i);
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let j = 0; j < 16; j++) fn(iterations++);
    elapsed = performance.now() - start;
  }
  return { opsPerSecond: (iterations / elapsed) * 1000, meanMicroseconds: (elapsed * 1000) / iterations, iterations };
}

/** A deterministic FHIR-shaped document bundle of exactly `bytes` UTF-8 bytes. */
function syntheticBundle(bytes: number, rng: Rng): string {
  const entries: unknown[] = [];
  const shell = (list: unknown[]) => JSON.stringify({ resourceType: 'Bundle', id: rng.uuid(), type: 'document', entry: list, note: '' });
  while (Buffer.byteLength(shell(entries)) < bytes - 400) {
    entries.push({
      fullUrl: `urn:uuid:${rng.uuid()}`,
      resource: {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
        valueQuantity: { value: rng.between(50, 140), unit: 'beats/minute', system: 'http://unitsofmeasure.org', code: '/min' },
        effectiveDateTime: '2026-02-14T10:30:00+05:30',
      },
    });
  }
  const base = shell(entries);
  return base.replace('"note":""', `"note":"${'x'.repeat(bytes - Buffer.byteLength(base))}"`);
}

/** OpenSSL's own ECDH over DER keys with explicit curve parameters: the alternative fast path (spec §8.4). */
function opensslExplicitAgreement(d: bigint, x509PublicKey: string): Buffer {
  const algorithmIdentifier = X509_EXPLICIT_HEADER.subarray(4, 4 + 3 + 0xea);
  const ecPrivateKey = Buffer.concat([Buffer.from('3025020101' + '0420', 'hex'), bigIntToBytes(d, 32)]);
  const octet = Buffer.concat([Buffer.from([0x04, ecPrivateKey.length]), ecPrivateKey]);
  const body = Buffer.concat([Buffer.from('020100', 'hex'), algorithmIdentifier, octet]);
  const pkcs8 = Buffer.concat([Buffer.from([0x30, 0x82, body.length >> 8, body.length & 0xff]), body]);
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey({ key: Buffer.from(x509PublicKey, 'base64'), format: 'der', type: 'spki' });
  return diffieHellman({ privateKey, publicKey });
}

function row(name: string, value: string, target = '', verdict = ''): string {
  return `${name.padEnd(46)} ${value.padStart(16)}  ${target.padEnd(12)} ${verdict}`;
}

/** Runs every Fidelius measurement, prints a table and writes bench/results/fidelius.json. */
export async function runFideliusBenchmark(): Promise<object> {
  const random = seededRandomBytes(new Rng(0xbe4c));
  const pool: FideliusKeyPair[] = Array.from({ length: 64 }, () => generateKeyPair(random));
  const scalars = pool.map((k) => decodePrivateKey(k.privateKey));
  const points: AffinePoint[] = pool.map((k) => decodePublicKey(k.publicKey).point);
  const at = (i: number) => i % pool.length;
  const peerOf = (i: number) => (i * 7 + 3) % pool.length;

  // Fast path, decoded keys: the agreement alone.
  const agreement = measure((i) => computeSharedSecret(scalars[at(i)], points[peerOf(i)]));
  // From wire strings: base64 decode, X.509 header check, on-curve check, agreement.
  const agreementFromWire = measure((i) => computeSharedSecret(pool[at(i)].privateKey, pool[peerOf(i)].x509PublicKey));
  const openssl = measure((i) => opensslExplicitAgreement(scalars[at(i)], pool[peerOf(i)].x509PublicKey), 500, 5);
  const reference = measure((i) => referenceAgreementX(scalars[at(i)], points[peerOf(i)]), 500, 1);
  const keygen = measure(() => generateKeyPair(random), 500, 5);

  const bundle = syntheticBundle(BUNDLE_BYTES, new Rng(7));
  const bundleBytes = Buffer.from(bundle, 'utf8');
  const nonceA = Buffer.from(generateNonce(random), 'base64');
  const nonceB = Buffer.from(generateNonce(random), 'base64');
  const cipher = SessionCipher.fromKey(deriveSessionKey(computeSharedSecret(scalars[0], points[1]), nonceA, nonceB));
  const sealed = cipher.encryptBytes(bundleBytes);
  const gcmEncrypt = measure(() => cipher.encryptBytes(bundleBytes));
  const gcmDecrypt = measure(() => cipher.decryptBytes(sealed));
  const mbPerSecond = (m: Measurement) => (m.opsPerSecond * bundleBytes.length) / 1e6;

  const senderNonce = generateNonce(random);
  const requesterNonce = generateNonce(random);
  const encryptEntry = measure((i) =>
    encrypt({ plaintext: bundle, senderNonce, requesterNonce, senderPrivateKey: pool[at(i)].privateKey, requesterPublicKey: pool[peerOf(i)].x509PublicKey }),
  );

  const agreementsOk = agreement.opsPerSecond >= TARGET_AGREEMENTS_PER_SECOND && agreementFromWire.opsPerSecond >= TARGET_AGREEMENTS_PER_SECOND;
  const gcmOk = mbPerSecond(gcmEncrypt) >= TARGET_GCM_MB_PER_SECOND && mbPerSecond(gcmDecrypt) >= TARGET_GCM_MB_PER_SECOND;
  const result = {
    benchmark: 'fidelius',
    measuredAt: new Date().toISOString(),
    environment: { node: process.version, openssl: process.versions.openssl, cpu: cpus()[0]?.model ?? 'unknown', aesGcm: getCiphers().includes('aes-256-gcm') },
    targets: { keyAgreementsPerSecond: TARGET_AGREEMENTS_PER_SECOND, aesGcmMBPerSecond: TARGET_GCM_MB_PER_SECOND },
    keyAgreement: {
      fastPathDecodedKeys: agreement,
      fastPathFromBase64X509: agreementFromWire,
      alternativeOpensslExplicitParameters: openssl,
      alternativeBigIntReference: reference,
    },
    keyGeneration: keygen,
    aesGcm: {
      bundleBytes: bundleBytes.length,
      encryptMBPerSecond: mbPerSecond(gcmEncrypt),
      decryptMBPerSecond: mbPerSecond(gcmDecrypt),
      encrypt: gcmEncrypt,
      decrypt: gcmDecrypt,
    },
    encryptEntry50KB: encryptEntry,
    pass: { keyAgreements: agreementsOk, aesGcm: gcmOk },
  };

  const ops = (m: Measurement) => `${Math.round(m.opsPerSecond).toLocaleString('en-US')} /s`;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  console.log(row('Fidelius benchmark', 'rate', 'target', ''));
  console.log(row('key agreement (decoded keys, X25519 ladder)', ops(agreement), '≥ 2,000 /s', verdict(agreement.opsPerSecond >= TARGET_AGREEMENTS_PER_SECOND)));
  console.log(row('key agreement (from base64 X.509 + private)', ops(agreementFromWire), '≥ 2,000 /s', verdict(agreementFromWire.opsPerSecond >= TARGET_AGREEMENTS_PER_SECOND)));
  console.log(row('  alternative: OpenSSL explicit-params ECDH', ops(openssl)));
  console.log(row('  alternative: BigInt affine reference', ops(reference)));
  console.log(row('key pair generation', ops(keygen)));
  console.log(row(`AES-256-GCM encrypt, ${bundleBytes.length}-byte bundle`, `${mbPerSecond(gcmEncrypt).toFixed(0)} MB/s`, '≥ 100 MB/s', verdict(mbPerSecond(gcmEncrypt) >= TARGET_GCM_MB_PER_SECOND)));
  console.log(row(`AES-256-GCM decrypt, ${bundleBytes.length}-byte bundle`, `${mbPerSecond(gcmDecrypt).toFixed(0)} MB/s`, '≥ 100 MB/s', verdict(mbPerSecond(gcmDecrypt) >= TARGET_GCM_MB_PER_SECOND)));
  console.log(row('encrypt entry (agreement+HKDF+GCM+base64, 50 KB)', ops(encryptEntry)));

  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'fidelius.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written ${out}`);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runFideliusBenchmark();
}
