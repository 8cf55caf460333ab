// Who the HIP's patients are, found in the sandbox's world: a HIP registered under an HFR facility id of the world
// holds that facility's patients and care contexts. Besides them, discovery tests need people who are not its
// patients yet look like them (a namesake, a relative sharing the family mobile) and, where the world has one, two
// patients the discover request cannot tell apart. All of it is a pure function of the world (its seed) and the
// HIP id, computed once per run by scans that yield to the event loop.
import { allPatientsOfFacility } from '../../../fixtures/world/facility-patients.js';
import { HOUSEHOLD_SIZE } from '../../../fixtures/world/patients.js';
import type { SyntheticCareContext, SyntheticFacility, SyntheticPatient, World } from '../../../fixtures/world/types.js';

/** How far the search for a namesake goes (patients of the world, from the first). */
const NAMESAKE_SCAN = 200_000;

export interface HipPatient {
  patient: SyntheticPatient;
  careContexts: SyntheticCareContext[];
}

/** Two patients of the HIP sharing the family mobile, gender and (±2) year of birth, and the family name they present. */
export interface AmbiguousPair {
  first: HipPatient;
  second: HipPatient;
  /** The name both fit equally: the family name alone. */
  name: string;
  /** Within two years of both. */
  yearOfBirth: number;
}

export interface HipCast {
  facility: SyntheticFacility;
  /** Every patient with care contexts at the HIP, in population order. */
  patients: HipPatient[];
  /** Someone who never visited the HIP; when the world has one, a namesake (same first and last name and gender) of `of`. */
  stranger: { person: SyntheticPatient; of?: HipPatient };
  /** A family member of one of its patients who shares their mobile but is not its patient (and is clearly someone else). */
  relative?: { person: SyntheticPatient; of: HipPatient };
  ambiguous?: AmbiguousPair;
}

const casts = new WeakMap<World, Map<string, Promise<HipCast | undefined>>>();

/** The cast for this HIP in this world; undefined when the HIP id is not a facility of the world with patients. */
export function hipCast(world: World, hipId: string): Promise<HipCast | undefined> {
  let byHip = casts.get(world);
  if (!byHip) casts.set(world, (byHip = new Map()));
  let cast = byHip.get(hipId);
  if (!cast) byHip.set(hipId, (cast = findCast(world, hipId)));
  return cast;
}

async function findCast(world: World, hipId: string): Promise<HipCast | undefined> {
  const facility = world.facilityById(hipId);
  if (!facility || !facility.isHip) return undefined;
  const patients = (await allPatientsOfFacility(world, hipId)).map((patient) => ({ patient, careContexts: world.careContexts(patient.index, hipId) }));
  if (patients.length === 0) return undefined;
  const here = new Set(patients.map((p) => p.patient.index));
  return {
    facility,
    patients,
    stranger: await findStranger(world, patients, here),
    relative: findRelative(world, patients, here),
    ambiguous: findAmbiguousPair(patients),
  };
}

const words = (name: string) => name.toLowerCase().split(/\s+/);
const nameKey = (p: SyntheticPatient) => {
  const w = words(p.name.full);
  return `${w[0]}|${w[w.length - 1]}|${p.gender}`;
};

/** The first non-patient who shares a patient's first and last name and gender (not their mobile); else the first non-patient. */
async function findStranger(world: World, patients: HipPatient[], here: Set<number>): Promise<HipCast['stranger']> {
  const byName = new Map<string, HipPatient>();
  for (const p of patients) if (!byName.has(nameKey(p.patient))) byName.set(nameKey(p.patient), p);
  let first: SyntheticPatient | undefined;
  const end = Math.min(world.options.population, NAMESAKE_SCAN);
  for (let i = 0; i < end; i++) {
    if (here.has(i)) continue;
    const person = world.patient(i);
    first ??= person;
    const of = byName.get(nameKey(person));
    if (of && of.patient.mobile !== person.mobile) return { person, of };
    if (i % 5_000 === 4_999) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { person: first ?? world.patient(patients[0].patient.index === 0 ? 1 : 0) };
}

/** A household member of a patient, not a patient here, with the patient's mobile but another first name and gender or age. */
function findRelative(world: World, patients: HipPatient[], here: Set<number>): HipCast['relative'] {
  for (const of of patients) {
    const household = Math.floor(of.patient.index / HOUSEHOLD_SIZE) * HOUSEHOLD_SIZE;
    for (let i = household; i < household + HOUSEHOLD_SIZE && i < world.options.population; i++) {
      if (i === of.patient.index || here.has(i)) continue;
      const person = world.patient(i);
      if (person.mobile !== of.patient.mobile || words(person.name.full)[0] === words(of.patient.name.full)[0]) continue;
      if (person.gender !== of.patient.gender || Math.abs(person.yearOfBirth - of.patient.yearOfBirth) > 2) return { person, of };
    }
  }
  return undefined;
}

/** Two patients of one household here with the same mobile and gender, born within four years, sharing a family name. */
function findAmbiguousPair(patients: HipPatient[]): AmbiguousPair | undefined {
  for (let i = 0; i < patients.length; i++) {
    for (let j = i + 1; j < patients.length; j++) {
      const [a, b] = [patients[i].patient, patients[j].patient];
      if (Math.floor(a.index / HOUSEHOLD_SIZE) !== Math.floor(b.index / HOUSEHOLD_SIZE)) continue;
      if (a.mobile !== b.mobile || a.gender !== b.gender || Math.abs(a.yearOfBirth - b.yearOfBirth) > 4) continue;
      const [wa, wb] = [words(a.name.full), words(b.name.full)];
      if (wa.length < 2 || wb.length < 2 || wa[wa.length - 1] !== wb[wb.length - 1]) continue;
      return { first: patients[i], second: patients[j], name: a.name.full.split(/\s+/).pop()!, yearOfBirth: Math.round((a.yearOfBirth + b.yearOfBirth) / 2) };
    }
  }
  return undefined;
}
