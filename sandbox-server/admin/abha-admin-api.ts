// The admin side of the ABHA service, transport-free: the current OTP of a transaction (so nobody needs a phone),
// synthetic Aadhaar numbers to enrol or log in with, and an account as every flow sees it.
import { EXISTING_RESIDENT_PAYLOADS, NEW_RESIDENT_SLOTS } from '../../fixtures/world/aadhaar-residents.js';
import { AbdmError, errors } from '../../protocol/errors.js';
import { formatAbhaNumber } from '../../protocol/ids/abha-number.js';
import { SYNTHETIC_AADHAAR_PREFIX } from '../../protocol/ids/synthetic-aadhaar.js';
import { abhaAccountByNumber, abhaIdentityByAddress } from '../abha/account-lookup.js';
import type { Sandbox } from '../sandbox.js';

/** GET /sandbox/otp?txnId= */
export function otpOfTransaction(sandbox: Sandbox, txnId: string | undefined) {
  if (!txnId) throw new AbdmError('ABDM-1006', 400, 'Bad Request: txnId is required, e.g. /sandbox/otp?txnId=<txnId from a request/otp answer>');
  const view = sandbox.abha.otps.view(txnId);
  if (!view) throw errors.noDataFound(`no ABHA transaction ${txnId.slice(0, 60)}`);
  return view;
}

/** GET /sandbox/aadhaar?count=&from=: synthetic Aadhaar numbers of patients who hold an ABHA number and of residents who do not yet. */
export function syntheticAadhaarNumbers(sandbox: Sandbox, params: { count?: string; from?: string }) {
  const count = params.count === undefined ? 5 : Number(params.count);
  const from = params.from === undefined ? 0 : Number(params.from);
  if (!Number.isInteger(count) || count < 1 || count > 100 || !Number.isInteger(from) || from < 0) {
    throw new AbdmError('ABDM-1006', 400, 'Bad Request: count must be an integer from 1 to 100 and from a non-negative integer');
  }
  const { ctx, abha } = sandbox;
  const patients = [];
  for (let i = from; i < from + count; i++) {
    const aadhaar = abha.residents.aadhaarOfPatient(i);
    if (!aadhaar) break;
    const p = ctx.world.patient(i);
    patients.push({ aadhaar, patientIndex: i, name: p.name.full, abhaNumber: formatAbhaNumber(p.abhaNumber), abhaAddress: p.abhaAddress, aadhaarMobile: p.mobile });
  }
  const newResidents = [];
  for (let slot = from; slot < Math.min(from + count, NEW_RESIDENT_SLOTS); slot++) {
    const resident = abha.residents.resident(EXISTING_RESIDENT_PAYLOADS + slot);
    if (resident.kind !== 'new') continue;
    const enrolled = abhaAccountByNumber(ctx, resident.person.abhaNumber) !== undefined;
    newResidents.push({ aadhaar: abha.residents.newResidentAadhaar(slot), name: resident.person.name.full, aadhaarMobile: resident.person.mobile, enrolled, ...(enrolled ? { abhaNumber: formatAbhaNumber(resident.person.abhaNumber) } : {}) });
  }
  return {
    range: `${SYNTHETIC_AADHAAR_PREFIX} + 7 digits + Verhoeff check digit`,
    rule: `payloads 0000000–${String(EXISTING_RESIDENT_PAYLOADS - 1)} are patients 0–4,999,999 (who already hold an ABHA number); payloads ${EXISTING_RESIDENT_PAYLOADS}–9999999 are residents without one`,
    patients,
    newResidents,
  };
}

/** GET /sandbox/abha/accounts/{ABHA number or ABHA address} */
export function abhaAccountView(sandbox: Sandbox, id: string) {
  const { ctx } = sandbox;
  if (id.includes('@')) {
    const found = abhaIdentityByAddress(ctx, id);
    if (found) return found.kind === 'account' ? { kind: 'account', ...found.account } : { kind: 'self-declared', ...found.address };
  } else {
    const account = abhaAccountByNumber(ctx, id);
    if (account) return { kind: 'account', ...account };
  }
  throw errors.noDataFound(`no ABHA account ${id.slice(0, 60)} (try an ABHA number or an ABHA address)`);
}
