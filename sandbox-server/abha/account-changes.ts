// The writes of the ABHA service: enrolled accounts, changed mobiles, new ABHA addresses, self-declared addresses.
// The population is never copied: a world patient gets a row only when something about them changes or must be
// findable by mobile.
import type { SyntheticPatient } from '../../fixtures/world/types.js';
import type { SandboxContext } from '../context.js';
import { nowIso } from '../context.js';
import type { AbhaAccount, SelfDeclaredAddress } from './account-types.js';

type Ctx = Pick<SandboxContext, 'store' | 'clock'>;

/** Records a world patient's account so later logins by mobile find it (the population has no mobile index). */
export function rememberWorldAccount(ctx: Ctx, account: AbhaAccount): void {
  if (account.source !== 'world' || ctx.store.abha.account(account.abhaNumber)) return;
  ctx.store.abha.putAccount({ abhaNumber: account.abhaNumber, source: 'world', changes: {}, mobile: account.mobile }, nowIso(ctx));
}

/** Creates the ABHA number of a new resident, with the default address `<14 digits>@sbx` as live accounts get. */
export function enrolNewAccount(ctx: Ctx, person: SyntheticPatient, aadhaarPayload: number): string {
  const createdAt = nowIso(ctx);
  const account: Omit<AbhaAccount, 'abhaAddresses' | 'preferredAbhaAddress'> = {
    abhaNumber: person.abhaNumber,
    source: 'enrolled',
    aadhaarPayload,
    name: person.name,
    gender: person.gender,
    yearOfBirth: person.yearOfBirth,
    monthOfBirth: person.monthOfBirth,
    dayOfBirth: person.dayOfBirth,
    address: person.address,
    mobile: person.mobile,
    aadhaarMobile: person.mobile,
    kycVerified: true,
    status: 'ACTIVE',
    createdAt,
  };
  ctx.store.abha.putAccount({ abhaNumber: person.abhaNumber, source: 'enrolled', account, mobile: person.mobile }, createdAt);
  ctx.store.abha.insertAddress({ address: `${person.abhaNumber}@sbx`, abhaNumber: person.abhaNumber, preferred: true, createdAt });
  return person.abhaNumber;
}

/** Makes `mobile` the account's communication mobile (after its OTP was verified). */
export function setCommunicationMobile(ctx: Ctx, account: AbhaAccount, mobile: string): void {
  const stored = ctx.store.abha.account(account.abhaNumber);
  if (stored?.source === 'enrolled') {
    ctx.store.abha.putAccount({ ...stored, account: { ...stored.account, mobile }, mobile }, nowIso(ctx));
  } else {
    const changes = stored?.source === 'world' ? stored.changes : {};
    ctx.store.abha.putAccount({ abhaNumber: account.abhaNumber, source: 'world', changes: { ...changes, mobile }, mobile }, nowIso(ctx));
  }
}

/** Adds an ABHA address to an account; false when someone already holds it. */
export function addAbhaAddress(ctx: Ctx, account: AbhaAccount, address: string, preferred: boolean): boolean {
  const added = ctx.store.abha.insertAddress({ address, abhaNumber: account.abhaNumber, preferred, createdAt: nowIso(ctx) });
  if (added && preferred && account.source === 'world') {
    const stored = ctx.store.abha.account(account.abhaNumber);
    const changes = stored?.source === 'world' ? stored.changes : {};
    ctx.store.abha.putAccount({ abhaNumber: account.abhaNumber, source: 'world', changes: { ...changes, preferredAbhaAddress: address }, mobile: stored?.mobile ?? account.mobile }, nowIso(ctx));
  }
  return added;
}

/** Creates a self-declared ABHA address; false when it is taken. */
export function createSelfDeclaredAddress(ctx: Ctx, details: SelfDeclaredAddress): boolean {
  return ctx.store.abha.insertAddress({ address: details.abhaAddress, selfDeclared: details, mobile: details.mobile, preferred: true, createdAt: details.createdAt });
}
