// Seals a run's output directory into a signed bundle: manifest.json (digests of every output, see bundle-manifest.ts)
// and manifest.jws, the sandbox's signature over the manifest's SHA-256, valid for 90 days by default.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import type { RunLogEntry } from '../../conformance/results/run-log-entry.js';
import type { ReportKeyInfo, ReportSignatureClaims, ReportSigner } from '../../sandbox-server/auth/report-signing-key.js';
import { buildManifest, manifestText, MANIFEST_FILE, sha256Hex, SIGNATURE_FILE, type BundleManifest } from './bundle-manifest.js';

export const DEFAULT_VALIDITY_DAYS = 90;

export interface SealedBundle {
  manifest: BundleManifest;
  key: ReportKeyInfo;
  claims: ReportSignatureClaims;
}

/** Writes manifest.json and manifest.jws for `files` (names in `dir`, already written) of the run `log`. */
export async function sealBundle(dir: string, log: ReadonlyArray<RunLogEntry>, files: ReadonlyArray<string>, signer: ReportSigner, validityDays = DEFAULT_VALIDITY_DAYS): Promise<SealedBundle> {
  const manifest = buildManifest(log, files.map((path) => ({ path, content: readFileSync(join(dir, path)) })));
  const text = manifestText(manifest);
  const key = await signer.key();
  const jws = await signer.signManifest({ manifestSha256: sha256Hex(text), runId: manifest.run.id, validityDays });
  writeFileSync(join(dir, MANIFEST_FILE), text);
  writeFileSync(join(dir, SIGNATURE_FILE), `${jws}\n`);
  return { manifest, key, claims: decodeJwt(jws) as unknown as ReportSignatureClaims };
}
