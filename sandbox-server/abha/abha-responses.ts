// The bodies the ABHA service answers with, built from an account: the enrolment ABHAProfile, the full profile
// (CARE-V3T ABHAProfileFull), login account lists, PHR users and profiles, and what the card and QR code show.
// Field names and formats follow NHA's ABHA v3 examples (dob `dd-MM-yyyy`, numbers dashed, day/month as strings).
import { formatAbhaNumber } from '../../protocol/ids/abha-number.js';
import type { CardContent } from './card/abha-card.js';
import { placeholderPhotoBase64 } from './card/abha-card.js';
import type { AbhaAccount, AbhaDemographics, SelfDeclaredAddress } from './account-types.js';

const AUTH_METHODS = ['AADHAAR_OTP', 'MOBILE_OTP', 'DEMOGRAPHICS'];

/** `dd-MM-yyyy`, or the year alone when day and month are unknown. */
export function dateOfBirth(p: AbhaDemographics): string {
  if (!p.dayOfBirth || !p.monthOfBirth) return String(p.yearOfBirth);
  return `${String(p.dayOfBirth).padStart(2, '0')}-${String(p.monthOfBirth).padStart(2, '0')}-${p.yearOfBirth}`;
}

/** The one-line address the profile and card print. */
export function addressLine(p: AbhaDemographics): string {
  const a = p.address;
  return [a.line, a.city, a.district, a.state].filter((part, i, all) => part && all.indexOf(part) === i).join(', ');
}

function nameParts(p: AbhaDemographics) {
  return { firstName: p.name.first, middleName: p.name.middle ?? '', lastName: p.name.last ?? '' };
}

/** `ABHAProfile` in the enrol/byAadhaar answer; `mobile` is null until a communication mobile is verified. */
export function enrolmentProfile(account: AbhaAccount, mobileVerified: boolean) {
  return {
    ...nameParts(account),
    dob: dateOfBirth(account),
    gender: account.gender,
    photo: placeholderPhotoBase64(),
    mobile: mobileVerified ? account.mobile : null,
    email: null,
    phrAddress: account.abhaAddresses,
    address: addressLine(account),
    districtCode: account.address.districtCode,
    stateCode: account.address.stateCode,
    pinCode: account.address.pincode,
    abhaType: 'STANDARD',
    stateName: account.address.state,
    districtName: account.address.district,
    ABHANumber: formatAbhaNumber(account.abhaNumber),
    abhaStatus: account.status,
  };
}

/** GET /v3/profile/account. */
export function fullProfile(account: AbhaAccount) {
  return {
    ABHANumber: formatAbhaNumber(account.abhaNumber),
    preferredAbhaAddress: account.preferredAbhaAddress,
    mobile: account.mobile,
    ...nameParts(account),
    name: account.name.full,
    yearOfBirth: String(account.yearOfBirth),
    dayOfBirth: account.dayOfBirth ? String(account.dayOfBirth) : '',
    monthOfBirth: account.monthOfBirth ? String(account.monthOfBirth) : '',
    gender: account.gender,
    email: null,
    profilePhoto: placeholderPhotoBase64(),
    status: account.status,
    stateCode: account.address.stateCode,
    districtCode: account.address.districtCode,
    pincode: account.address.pincode,
    address: addressLine(account),
    kycPhoto: placeholderPhotoBase64(),
    stateName: account.address.state,
    districtName: account.address.district,
    subdistrictName: '',
    townName: account.address.city,
    authMethods: AUTH_METHODS,
    tags: {},
    kycVerified: account.kycVerified,
    localizedDetails: {
      name: account.name.full,
      stateName: account.address.state,
      districtName: account.address.district,
      villageName: '',
      wardName: '',
      townName: account.address.city,
      gender: account.gender,
      localizedLabels: {},
    },
    createdDate: account.createdAt.slice(0, 10).split('-').reverse().join('-'),
    phrAddress: account.abhaAddresses,
  };
}

/** One entry of a login's `accounts` list. */
export function loginAccount(account: AbhaAccount) {
  return {
    ABHANumber: formatAbhaNumber(account.abhaNumber),
    preferredAbhaAddress: account.preferredAbhaAddress,
    name: account.name.full,
    gender: account.gender,
    dob: dateOfBirth(account),
    verifiedStatus: 'VERIFIED',
    verificationType: 'AADHAAR',
    status: account.status,
    profilePhoto: placeholderPhotoBase64(),
    kycVerified: account.kycVerified,
  };
}

/** One entry of a PHR login's `users` list. */
export function phrUser(identity: { address: string; account?: AbhaAccount; selfDeclared?: SelfDeclaredAddress }, referenceYear: number) {
  const p: AbhaDemographics = identity.account ?? identity.selfDeclared!;
  return {
    abhaAddress: identity.address,
    fullName: p.name.full,
    gender: p.gender,
    abhaNumber: identity.account ? formatAbhaNumber(identity.account.abhaNumber) : null,
    status: 'ACTIVE',
    kycStatus: identity.account ? 'VERIFIED' : 'PENDING',
    age: Math.max(0, referenceYear - p.yearOfBirth),
  };
}

/** The PHR profile of an ABHA address (GET /v3/phr/web/login/profile/abha-profile; shape [UNSURE]). */
export function phrProfile(identity: { address: string; account?: AbhaAccount; selfDeclared?: SelfDeclaredAddress }) {
  const p: AbhaDemographics = identity.account ?? identity.selfDeclared!;
  const mobile = identity.account?.mobile ?? identity.selfDeclared!.mobile;
  return {
    abhaAddress: identity.address,
    fullName: p.name.full,
    ...nameParts(p),
    dayOfBirth: p.dayOfBirth ? String(p.dayOfBirth) : '',
    monthOfBirth: p.monthOfBirth ? String(p.monthOfBirth) : '',
    yearOfBirth: String(p.yearOfBirth),
    dateOfBirth: dateOfBirth(p),
    gender: p.gender,
    mobile,
    email: identity.selfDeclared?.email ?? null,
    address: addressLine(p),
    stateCode: p.address.stateCode,
    stateName: p.address.state,
    districtCode: p.address.districtCode,
    districtName: p.address.district,
    pinCode: p.address.pincode,
    abhaNumber: identity.account ? formatAbhaNumber(identity.account.abhaNumber) : null,
    kycStatus: identity.account ? 'VERIFIED' : 'PENDING',
    status: 'ACTIVE',
    profilePhoto: placeholderPhotoBase64(),
    abhaAddressList: identity.account ? identity.account.abhaAddresses : [identity.address],
  };
}

/**
 * What the ABHA QR code carries: the JSON the ABHA card's QR holds ([CODE] Simple.org's ABHA QR parser:
 * hidn, hid, name, gender, statelgd, distlgd, dob as d/M/yyyy, address), plus mobile (TC VRFY_ABHA_501).
 */
export function abhaQrPayload(p: AbhaDemographics & { abhaNumber?: string; mobile: string }, abhaAddress: string): string {
  return JSON.stringify({
    hidn: p.abhaNumber ? formatAbhaNumber(p.abhaNumber) : '',
    hid: abhaAddress,
    name: p.name.full,
    gender: p.gender,
    statelgd: p.address.stateCode,
    distlgd: p.address.districtCode,
    dob: p.dayOfBirth && p.monthOfBirth ? `${p.dayOfBirth}/${p.monthOfBirth}/${p.yearOfBirth}` : String(p.yearOfBirth),
    address: addressLine(p),
    mobile: p.mobile,
  });
}

/** What the ABHA card (or PHR card) prints. */
export function cardContent(kind: 'ABHA' | 'PHR', p: AbhaDemographics & { abhaNumber?: string; mobile: string }, abhaAddress: string): CardContent {
  return {
    kind,
    name: p.name.full,
    abhaNumber: p.abhaNumber ? formatAbhaNumber(p.abhaNumber) : undefined,
    abhaAddress,
    gender: p.gender,
    dateOfBirth: dateOfBirth(p),
    mobile: p.mobile,
    address: `${addressLine(p)}, PIN ${p.address.pincode}`,
    qrPayload: abhaQrPayload(p, abhaAddress),
  };
}
