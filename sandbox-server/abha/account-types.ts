// The ABHA service's view of a person: an ABHA-number account (from the synthetic population or enrolled in this
// sandbox) or a self-declared ABHA address without a number (PHR app enrolment). Other flows read these through
// the account lookup (account-lookup.ts).
import type { Address, Gender, PersonName } from '../../fixtures/world/types.js';

/** Demographics as ABHA holds them. */
export interface AbhaDemographics {
  name: PersonName;
  gender: Gender;
  yearOfBirth: number;
  monthOfBirth?: number;
  dayOfBirth?: number;
  /** With LGD state and district codes. */
  address: Address;
}

/** An ABHA number: KYC-verified through (synthetic) Aadhaar. */
export interface AbhaAccount extends AbhaDemographics {
  /** 14 digits, no dashes. */
  abhaNumber: string;
  /** `world`: a patient of the synthetic population; `enrolled`: created by an enrolment in this sandbox. */
  source: 'world' | 'enrolled';
  /** The patient's index in the population (world accounts): care contexts and records hang off it. */
  worldIndex?: number;
  /** The synthetic Aadhaar payload behind the account, when it has one (see protocol/ids/synthetic-aadhaar.ts). */
  aadhaarPayload?: number;
  /** The communication mobile: logins by mobile find the account by it. */
  mobile: string;
  /** The mobile registered with Aadhaar, where the Aadhaar OTP goes. */
  aadhaarMobile: string;
  preferredAbhaAddress: string;
  /** Every ABHA address of the account, the preferred one first. */
  abhaAddresses: string[];
  kycVerified: boolean;
  status: 'ACTIVE';
  /** ISO-8601 UTC; the world's reference date for world accounts. */
  createdAt: string;
}

/** A self-declared ABHA address (no ABHA number), created by the PHR app's enrolment with a mobile OTP. */
export interface SelfDeclaredAddress extends AbhaDemographics {
  abhaAddress: string;
  mobile: string;
  email?: string;
  status: 'ACTIVE';
  createdAt: string;
}

/** What the store keeps for a world patient: only what changed. */
export interface WorldAccountChanges {
  mobile?: string;
  preferredAbhaAddress?: string;
}
