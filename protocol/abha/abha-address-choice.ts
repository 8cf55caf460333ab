// Choosing a new ABHA address (spec §4.3 step 5–6, §4.5): the creation rules of the ABHA v3 OpenAPI ("8 to 18
// characters", letters and digits with at most one '.' and one '_', not at either end; an all-digit address only
// as the holder's own 14-digit ABHA number) and the suggestions offered from a person's name and birth date.
import { checkAbhaAddress, normaliseAbhaAddress } from '../ids/abha-address.js';
import { accepted, refused, type IdCheck } from '../ids/id-check.js';

export interface SuggestionInput {
  firstName: string;
  lastName?: string;
  yearOfBirth?: number;
  monthOfBirth?: number;
  dayOfBirth?: number;
}

/** Checks an address someone wants to create; accepts it with or without `@sbx` and returns the full lower-case form. */
export function checkNewAbhaAddress(input: unknown, ownAbhaNumber?: string): IdCheck {
  if (typeof input !== 'string' || input.trim() === '') return refused('abhaAddress is missing');
  const text = input.trim();
  const full = text.includes('@') ? text : `${text}@sbx`;
  const check = checkAbhaAddress(full, { domains: ['sbx'], userNameLength: { min: 8, max: 18 }, maxDots: 1 });
  if (!check.ok) return check;
  const user = check.value.slice(0, -'@sbx'.length);
  if ((user.match(/_/g) ?? []).length > 1) return refused("ABHA address may contain at most one '_'");
  if (/^\d+$/.test(user) && user !== ownAbhaNumber) {
    return refused('an all-digit ABHA address must be the holder’s own 14-digit ABHA number');
  }
  return accepted(check.value);
}

/** At least `count` free addresses (without `@sbx`, as the service lists them) built from the person's name and birth date. */
export function suggestAbhaAddresses(person: SuggestionInput, isTaken: (address: string) => boolean, count = 5): string[] {
  const first = letters(person.firstName) || 'user';
  const last = letters(person.lastName ?? '');
  const year = person.yearOfBirth ? String(person.yearOfBirth) : '';
  const dd = person.dayOfBirth ? String(person.dayOfBirth).padStart(2, '0') : '';
  const mm = person.monthOfBirth ? String(person.monthOfBirth).padStart(2, '0') : '';
  const candidates = [
    `${first}.${last}${year}`,
    `${first}${last}${year}`,
    `${first}_${year}`,
    `${first}.${year}`,
    `${first}${dd}${mm}${year}`,
    `${first}_${last}`,
    `${first}.${last}`,
    `${first}${last[0] ?? ''}${year}`,
    `${last}.${first}${year.slice(-2)}`,
    `${first}${dd}${mm}`,
  ];
  const out: string[] = [];
  const consider = (candidate: string) => {
    const user = candidate.replace(/^[._]+|[._]+$/g, '').slice(0, 18).replace(/[._]+$/, '');
    if (out.includes(user) || !checkNewAbhaAddress(user).ok || isTaken(`${user}@sbx`)) return;
    out.push(user);
  };
  candidates.forEach(consider);
  // Numbered variants keep the list long enough when the name's forms are taken or too short.
  const base = `${first}${last}`.slice(0, 14);
  for (let n = 1; out.length < count && n < 1000; n++) consider(base + String(n).padStart(Math.max(2, 8 - base.length), '0'));
  return out.slice(0, Math.max(count, Math.min(out.length, 10)));
}

function letters(name: string): string {
  return normaliseAbhaAddress(name.normalize('NFKD').replace(/[^A-Za-z]/g, ''));
}
