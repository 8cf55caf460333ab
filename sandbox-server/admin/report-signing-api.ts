// The admin API of the sandbox's report-signing key, transport-free: the public key (GET /sandbox/signing-key) and
// signatures of report-bundle manifests for runners that reach the sandbox by URL (POST /sandbox/report-signatures).
import { errors } from '../../protocol/errors.js';
import { manifestSignatureProblem, type ManifestSignatureRequest, type ReportKeyInfo } from '../auth/report-signing-key.js';
import type { SandboxContext } from '../context.js';
import { SANDBOX_VERSION } from '../version.js';

export type SigningKeyView = ReportKeyInfo & { sandbox: { publicUrl: string; version: string }; use: string };

/** The public report-signing key, with the sandbox it belongs to. */
export function signingKeyView(ctx: SandboxContext): SigningKeyView {
  return {
    ...ctx.reportKey.info,
    sandbox: { publicUrl: ctx.config.publicUrl, version: SANDBOX_VERSION },
    use: `signs conformance report bundles (manifest.jws); check one with: abdm-sandbox report verify DIR --key ${ctx.config.publicUrl}/sandbox/signing-key`,
  };
}

/** Signs `{manifestSha256, runId, validityDays}`: a JWT naming the manifest's digest, with the sandbox's time. */
export async function signManifestRequest(ctx: SandboxContext, body: unknown): Promise<{ keyId: string; jws: string }> {
  const request = (body && typeof body === 'object' ? body : {}) as Partial<ManifestSignatureRequest>;
  const problem = manifestSignatureProblem(request);
  if (problem) throw errors.invalidBody(`${problem}; the body is {"manifestSha256", "runId", "validityDays"}`);
  return { keyId: ctx.reportKey.info.keyId, jws: await ctx.reportKey.signManifest(request as ManifestSignatureRequest) };
}
