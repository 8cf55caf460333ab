// The admin API of the sandbox's report-signing key, transport-free: the public key (GET /sandbox/signing-key) and
// signatures of report-bundle manifests for runners that reach the sandbox by URL (POST /sandbox/report-signatures).
import { errors } from '../../protocol/errors.js';
import type { ReportKeyInfo } from '../auth/report-signing-key.js';
import type { SandboxContext } from '../context.js';
import { SANDBOX_VERSION } from '../version.js';

/** A manifest is a few kilobytes; anything near this is not one. */
const MAX_PAYLOAD_BYTES = 256 * 1024;

export type SigningKeyView = ReportKeyInfo & { sandbox: { publicUrl: string; version: string }; use: string };

/** The public report-signing key, with the sandbox it belongs to. */
export function signingKeyView(ctx: SandboxContext): SigningKeyView {
  return {
    ...ctx.reportKey.info,
    sandbox: { publicUrl: ctx.config.publicUrl, version: SANDBOX_VERSION },
    use: `signs conformance report bundles (manifest.json); check one with: abdm-sandbox report verify DIR --key ${ctx.config.publicUrl}/sandbox/signing-key`,
  };
}

/** Signs `{payload: base64}` (a bundle manifest's bytes) with the report key. */
export async function signReportPayload(ctx: SandboxContext, body: unknown): Promise<{ keyId: string; signature: string }> {
  const payload = (body as { payload?: unknown } | undefined)?.payload;
  if (typeof payload !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(payload) || payload === '') {
    throw errors.invalidBody('the body must be {"payload": "<base64 of the bytes to sign>"}');
  }
  const bytes = Buffer.from(payload, 'base64');
  if (bytes.length > MAX_PAYLOAD_BYTES) throw errors.invalidBody(`the payload is ${bytes.length} bytes; a report manifest is at most ${MAX_PAYLOAD_BYTES}`);
  const signature = await ctx.reportKey.sign(bytes);
  return { keyId: ctx.reportKey.info.keyId, signature: Buffer.from(signature).toString('base64') };
}
