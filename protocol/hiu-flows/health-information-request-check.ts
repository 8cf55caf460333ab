// What the consent manager checks in a HIU's `data-flow/v3/health-information/request` (spec §6.6, §7, §8.1,
// §12.3 #4): the artefact is the caller's, GRANTED and unexpired; the dates lie inside the artefact's (which the
// patient may have narrowed); the key material is usable. The first refusal is the error on-request carries;
// every problem is a finding.
import type { ConsentDetail, ConsentStatus, DateRange } from '../consent/consent-artefact.js';
import { rangeWithin } from '../consent/consent-scope.js';
import { hasErrors, type Finding } from '../findings.js';
import { parseAbdmTimestamp } from '../health-information/abdm-timestamp.js';
import { checkKeyMaterial } from '../health-information/key-material-check.js';
import { hiuFinding } from './hiu-flow-rules.js';

export interface HiRequestArtefact {
  status: ConsentStatus;
  /** The HIU the artefact was granted to. */
  hiuId: string;
  detail: ConsentDetail;
}

export interface HiRequestCheckInput {
  consentId: string;
  /** The artefact `hiRequest.consent.id` names; undefined when there is none. */
  artefact?: HiRequestArtefact;
  /** The calling HIU (X-HIU-ID). */
  hiuId: string;
  dateRange: unknown;
  keyMaterial: unknown;
  nowMs: number;
}

export interface HiRequestCheck {
  /** The error on-request carries, when the request is refused. */
  error?: { code: string; message: string };
  findings: Finding[];
}

/** Checks a HIU's health-information request against the artefact it names. */
export function checkHealthInformationRequest(input: HiRequestCheckInput): HiRequestCheck {
  const findings: Finding[] = [];
  let error: HiRequestCheck['error'];
  const refuse = (code: string, message: string, finding: Finding) => {
    error ??= { code, message };
    findings.push(finding);
  };
  const { artefact, consentId } = input;
  if (!artefact || artefact.hiuId !== input.hiuId) {
    const message = `Consent artefact invalid or expired: no consent artefact ${consentId} was granted to HIU ${input.hiuId}`;
    refuse('ABDM-1112', message, hiuFinding('HIU-CONSENT-UNKNOWN', message, 'body.hiRequest.consent.id'));
  } else {
    const erase = parseAbdmTimestamp(artefact.detail.permission.dataEraseAt) ?? 0;
    if (artefact.status !== 'GRANTED') {
      const message = `Consent artefact invalid or expired: consent ${consentId} is ${artefact.status}; no data can be requested under it`;
      refuse('ABDM-1112', message, hiuFinding('HIU-HI-CONSENT-STATE', message, 'body.hiRequest.consent.id'));
    } else if (erase <= input.nowMs) {
      const message = `Consent artefact invalid or expired: consent ${consentId} expired at ${artefact.detail.permission.dataEraseAt}`;
      refuse('ABDM-1112', message, hiuFinding('HIU-HI-CONSENT-STATE', message, 'body.hiRequest.consent.id'));
    }
    const consented = artefact.detail.permission.dateRange;
    const range = input.dateRange as Partial<DateRange> | undefined;
    if (typeof range?.from !== 'string' || typeof range.to !== 'string' || !rangeWithin(range as DateRange, consented)) {
      const asked = typeof range?.from === 'string' && typeof range.to === 'string' ? `${range.from}…${range.to}` : JSON.stringify(input.dateRange ?? null);
      const message = `Invalid date range: the request asks for ${asked}; the artefact covers ${consented.from}…${consented.to} (use the artefact's permission.dateRange, which the patient may have narrowed)`;
      refuse('ABDM-1063', message, hiuFinding('HIU-HI-RANGE', message, 'body.hiRequest.dateRange'));
    }
  }
  const keys = checkKeyMaterial(input.keyMaterial, { now: input.nowMs, path: 'body.hiRequest.keyMaterial', owner: 'the HIU' });
  findings.push(...keys.findings);
  if (hasErrors(keys.findings)) {
    const why = keys.findings.filter((f) => f.severity === 'error').map((f) => f.message);
    const message = `Invalid request: keyMaterial is unusable: ${why.join('; ')}`;
    refuse('ABDM-1031', message, hiuFinding('HIU-HI-KEY-MATERIAL', message, 'body.hiRequest.keyMaterial'));
  }
  return error ? { error, findings } : { findings };
}
