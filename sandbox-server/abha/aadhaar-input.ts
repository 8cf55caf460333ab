// Reads an encrypted Aadhaar number and finds the synthetic resident behind it. Only the sandbox's test range is
// a person; any other Aadhaar is refused, and a valid-looking one outside the range is flagged, because a real
// Aadhaar number must never be sent to a sandbox.
import type { AadhaarResident } from '../../fixtures/world/aadhaar-residents.js';
import { abhaErrors } from '../../protocol/abha/abha-errors.js';
import type { Finding } from '../../protocol/findings.js';
import { checkSyntheticAadhaar } from '../../protocol/ids/synthetic-aadhaar.js';
import type { AbhaModule } from './abha-module.js';

export interface ResolvedAadhaar {
  payload: number;
  resident: Exclude<AadhaarResident, { kind: 'nobody' }>;
}

/** The resident behind a decrypted Aadhaar number (12 digits); throws UIDAI's refusal otherwise. */
export function resolveAadhaar(abha: AbhaModule, aadhaar: string, findings: Finding[], field = 'loginId'): ResolvedAadhaar {
  const digits = aadhaar.replace(/\s/g, '');
  if (!/^\d{12}$/.test(digits)) {
    findings.push({ ruleId: 'abha-aadhaar-format', severity: 'warning', path: `body.${field}`, message: 'the decrypted Aadhaar is not 12 digits' });
    throw field === 'loginId' ? abhaErrors.loginIdIsInvalid('the decrypted Aadhaar number is not 12 digits') : abhaErrors.invalidAadhaar('the decrypted Aadhaar number is not 12 digits');
  }
  const check = checkSyntheticAadhaar(digits);
  if (!check.ok) {
    findings.push(
      check.realLooking
        ? { ruleId: 'abha-aadhaar-real', severity: 'error', path: `body.${field}`, message: 'a valid Aadhaar number outside the sandbox test range (possibly a real person’s) was sent' }
        : { ruleId: 'abha-aadhaar-invalid', severity: 'warning', path: `body.${field}`, message: `an invalid Aadhaar number was sent (${check.reason}); validate it before calling` },
    );
    throw abhaErrors.invalidAadhaar(check.reason);
  }
  const resident = abha.residents.resident(check.payload);
  if (resident.kind === 'nobody') throw abhaErrors.invalidAadhaar(`no synthetic resident has this number: ${resident.reason}`);
  return { payload: check.payload, resident };
}
