// Finds ABHA accounts the way every flow should: accounts stored in this sandbox (enrolled here, or world
// patients whose mobile or addresses changed) first, then the procedural population. Exported for the M2/M3
// flows: an account enrolled through M1 is discoverable and consentable like any synthetic patient.
import { normaliseAbhaAddress } from '../../protocol/ids/abha-address.js';
import { normaliseAbhaNumber } from '../../protocol/ids/abha-number.js';
import type { SyntheticPatient } from '../../fixtures/world/types.js';
import type { SandboxContext } from '../context.js';
import type { StoredAccount } from '../store/abha-repository.js';
import type { AbhaAccount, SelfDeclaredAddress } from './account-types.js';

/** Synthetic Aadhaar payloads map to patient indexes below this (fixtures/world/aadhaar-residents.ts). */
const AADHAAR_PATIENTS = 5_000_000;

/** Whom an ABHA address names: an ABHA-number account, or a self-declared address without a number. */
export type AbhaIdentity =
  | { kind: 'account'; account: AbhaAccount; abhaAddress: string }
  | { kind: 'self-declared'; address: SelfDeclaredAddress };

type Ctx = Pick<SandboxContext, 'store' | 'world'>;

/** The account with this ABHA number (14 digits, plain or dashed), stored or synthetic. */
export function abhaAccountByNumber(ctx: Ctx, abhaNumber: string): AbhaAccount | undefined {
  const digits = normaliseAbhaNumber(abhaNumber);
  if (!digits) return undefined;
  const stored = ctx.store.abha.account(digits);
  if (stored?.source === 'enrolled') return enrolledAccount(ctx, stored);
  const patient = ctx.world.patientByAbhaNumber(digits);
  return patient ? worldAccount(ctx, patient, stored) : undefined;
}

/** Whoever holds this ABHA address (case-insensitive). */
export function abhaIdentityByAddress(ctx: Ctx, abhaAddress: string): AbhaIdentity | undefined {
  if (typeof abhaAddress !== 'string') return undefined;
  const address = normaliseAbhaAddress(abhaAddress);
  const stored = ctx.store.abha.address(address);
  if (stored?.selfDeclared) return { kind: 'self-declared', address: stored.selfDeclared };
  if (stored?.abhaNumber) {
    const account = abhaAccountByNumber(ctx, stored.abhaNumber);
    return account ? { kind: 'account', account, abhaAddress: address } : undefined;
  }
  const patient = ctx.world.patientByAbhaAddress(address);
  return patient ? { kind: 'account', account: worldAccount(ctx, patient, ctx.store.abha.account(patient.abhaNumber)), abhaAddress: address } : undefined;
}

/**
 * The ABHA-number accounts whose communication mobile is `mobile`. The population has no index by mobile, so this
 * finds accounts the store knows: enrolled here, or world patients already used through an ABHA flow.
 */
export function abhaAccountsByMobile(ctx: Ctx, mobile: string): AbhaAccount[] {
  return ctx.store.abha
    .accountsByMobile(mobile)
    .map((stored) => (stored.source === 'enrolled' ? enrolledAccount(ctx, stored) : abhaAccountByNumber(ctx, stored.abhaNumber)))
    .filter((a): a is AbhaAccount => a !== undefined && a.mobile === mobile);
}

/** Self-declared ABHA addresses created with this mobile. */
export function selfDeclaredByMobile(ctx: Ctx, mobile: string): SelfDeclaredAddress[] {
  return ctx.store.abha.selfDeclaredByMobile(mobile).flatMap((a) => (a.selfDeclared ? [a.selfDeclared] : []));
}

/** Whether any account, stored or synthetic, holds this address. */
export function isAbhaAddressTaken(ctx: Ctx, abhaAddress: string): boolean {
  const address = normaliseAbhaAddress(abhaAddress);
  return ctx.store.abha.address(address) !== undefined || ctx.world.patientByAbhaAddress(address) !== undefined;
}

/** A world patient as an ABHA account, with what the store changed. */
function worldAccount(ctx: Ctx, patient: SyntheticPatient, stored?: StoredAccount): AbhaAccount {
  const changes = stored?.source === 'world' ? stored.changes : {};
  const extra = ctx.store.abha.addressesOf(patient.abhaNumber).map((a) => a.address);
  const all = [patient.abhaAddress, ...extra.filter((a) => a !== patient.abhaAddress)];
  const preferred = changes.preferredAbhaAddress ?? patient.abhaAddress;
  return {
    abhaNumber: patient.abhaNumber,
    source: 'world',
    worldIndex: patient.index,
    ...(patient.index < AADHAAR_PATIENTS ? { aadhaarPayload: patient.index } : {}),
    name: patient.name,
    gender: patient.gender,
    yearOfBirth: patient.yearOfBirth,
    monthOfBirth: patient.monthOfBirth,
    dayOfBirth: patient.dayOfBirth,
    address: patient.address,
    mobile: changes.mobile ?? patient.mobile,
    aadhaarMobile: patient.mobile,
    preferredAbhaAddress: preferred,
    abhaAddresses: [preferred, ...all.filter((a) => a !== preferred)],
    kycVerified: true,
    status: 'ACTIVE',
    createdAt: `${ctx.world.options.referenceDate ?? '2026-01-01'}T00:00:00.000Z`,
  };
}

function enrolledAccount(ctx: Ctx, stored: Extract<StoredAccount, { source: 'enrolled' }>): AbhaAccount {
  const addresses = ctx.store.abha.addressesOf(stored.abhaNumber);
  const preferred = addresses.find((a) => a.preferred)?.address ?? addresses[0]?.address ?? `${stored.abhaNumber}@sbx`;
  return {
    ...stored.account,
    preferredAbhaAddress: preferred,
    abhaAddresses: [preferred, ...addresses.map((a) => a.address).filter((a) => a !== preferred)],
  };
}
