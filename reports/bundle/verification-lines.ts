// What `abdm-sandbox report verify` prints: who signed what and when for an intact bundle; every changed, missing or
// added file otherwise. Pure.
import { timeText } from '../text/time-text.js';
import type { BundleVerification } from './bundle-verification.js';

/** The lines for a verified bundle in `dir`. */
export function verificationLines(dir: string, v: BundleVerification): string[] {
  const headline = v.ok
    ? 'intact, every byte as signed'
    : !v.intact
      ? 'NOT INTACT: changed, missing or added since it was signed'
      : v.expired
        ? 'intact, but the signature has EXPIRED'
        : 'intact, but NOT signed by the pinned key';
  const lines = [`${dir}: ${headline}`];
  for (const p of v.problems) lines.push(`  ✗ ${p.file}: ${p.problem}`);
  const s = v.signature;
  if (s) {
    const pin = s.pinned === undefined ? ' (not pinned: add --key <sandbox>/sandbox/signing-key to check it is that sandbox\'s key)' : s.pinned ? ' (the pinned key)' : '';
    lines.push(`  signed by   the sandbox at ${s.issuer}, Ed25519 key ${s.keyId}${pin}`);
    lines.push(`  signed at   ${timeText(s.signedAt)}, ${v.expired ? 'expired' : 'valid until'} ${timeText(s.expiresAt)}`);
  }
  const m = v.manifest;
  if (m) {
    lines.push(`  files       ${m.files.map((f) => f.path).join(', ')}`);
    lines.push(`  run         ${m.run.id}, seed ${m.run.seed}, abdm-sandbox ${m.tool.version}, sandbox ${m.run.sandbox.url} (${m.run.sandbox.mode})`);
    const partners = Object.values(m.declaration.partners).map((p) => `${p.role.toUpperCase()} ${p.serviceId} (client ${p.clientId})`);
    lines.push(`  partner     ${partners.join(', ') || 'none'}`);
    for (const suite of m.suites) lines.push(`  suite       ${suite.id}: ${suite.tests} tests, definitions sha256 ${suite.definitionsSha256.slice(0, 16)}…`);
    if (m.declaration.expectedFailures.length > 0) lines.push(`  expected    ${m.declaration.expectedFailures.map((x) => `${x.test} (${x.reason})`).join('; ')}`);
    lines.push(`  verdict     exit ${m.verdict.exitCode} (${m.verdict.outcome}); ${m.verdict.counts.pass} passed, ${m.verdict.counts.fail} failed, ${m.verdict.counts.skip} skipped, ${m.verdict.counts.error} errored`);
    for (const headline of m.verdict.milestones) lines.push(`              ${headline}`);
  }
  if (!v.intact) lines.push('  what the manifest says cannot be trusted: the bundle is not as it was signed');
  return lines;
}
