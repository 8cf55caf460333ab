// Layer 4, first half: the NRCeS DocumentBundle and Composition profiles (§1.2, §1.3) and checklist items
// 4, 5, 8 and 9 of §1.6, driven by the record-profile table: record type, subject, encounter, author,
// custodian, and the sections with the resource types their entries may point to.
import type { BundleIndex, IndexedEntry, Json } from './bundle-index.js';
import { referenceOf } from './bundle-index.js';
import type { FhirFinding } from './findings.js';
import type { FhirHiType } from './hi-types.js';
import { AUTHOR_TYPES, RECORD_PROFILES, type EntrySlice, type RecordProfile, type SectionRule } from './record-profiles.js';
import { describeRecordType, hiTypeFromProfile, hiTypeFromType, matchRecordType, snomedCodings } from './record-type.js';
import { entryResourcePath, sectionPath } from './fhir-path.js';
import { finding } from './rule-catalogue.js';
import { DOCUMENT_BUNDLE_PROFILE } from './systems.js';

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Checks the Bundle's DocumentBundle requirements that are not R4 invariants. */
export function checkDocumentBundle(bundle: Json, composition: IndexedEntry | undefined, out: FhirFinding[]): void {
  if (bundle.type !== 'document') {
    out.push(finding('nrces-bundle-01', 'Bundle.type', `${JSON.stringify(bundle.type)} is not "document": ABDM health records are document bundles`));
  }
  const meta = isObject(bundle.meta) ? bundle.meta : undefined;
  if (!meta || meta.versionId === undefined) out.push(finding('nrces-bundle-02', meta ? 'Bundle.meta.versionId' : 'Bundle.meta', 'DocumentBundle requires meta.versionId'));
  if (!asArray(meta?.profile).includes(DOCUMENT_BUNDLE_PROFILE)) {
    out.push(finding('nrces-bundle-03', 'Bundle.meta.profile', `does not name ${DOCUMENT_BUNDLE_PROFILE}`));
  }
  const date = composition?.resource?.date;
  if (typeof bundle.timestamp === 'string' && typeof date === 'string') {
    if (isEarlier(bundle.timestamp, date)) {
      out.push(finding('nrces-bundle-04', 'Bundle.timestamp', `${bundle.timestamp} is earlier than Composition.date ${date} (Bundle.entry[${composition?.index}])`));
    }
  }
}

// A time to the second (or millisecond) with an offset, every field in a range Date.parse reads without rolling
// over (days up to 28). Two of one length are of one form, and with the same offset compare as their text does.
const PLAIN_TIME = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{3})?(?:Z|[+-](?:0\d|1[0-3]):[0-5]\d)$/;

/** Whether time `a` is before time `b`, as Date.parse tells (false when either is no time it can read). */
export function isEarlier(a: string, b: string): boolean {
  if (a.length === b.length && PLAIN_TIME.test(a) && PLAIN_TIME.test(b) && sameFrom(a, b, a.endsWith('Z') ? a.length - 1 : a.length - 6)) return a < b;
  return Date.parse(a) < Date.parse(b);
}

/** Whether two strings of one length agree from index `from` on. */
function sameFrom(a: string, b: string, from: number): boolean {
  for (let i = from; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/**
 * Checks the Composition against the record profile of `hiType` (or the one its type names) and returns
 * the record type it was judged as, or undefined when it names none.
 */
export function checkComposition(
  composition: IndexedEntry & { resource: Json },
  index: BundleIndex,
  requested: FhirHiType | undefined,
  out: FhirFinding[],
): FhirHiType | undefined {
  const c = composition.resource;
  const cp = entryResourcePath(composition.index);
  const fromType = hiTypeFromType(c.type);
  const claimed = requested ?? fromType ?? hiTypeFromProfile(c);
  if (!claimed) {
    out.push(finding('nrces-comp-01', `${cp}.type`, 'does not identify an ABDM record type (no fixed SNOMED code, diagnostic report code, "Wellness Record" or "Invoice Record")'));
    return undefined;
  }
  const match = matchRecordType(claimed, c.type);
  if (!match.matches) {
    const found = fromType ? ` (it names ${fromType})` : '';
    out.push(finding('nrces-comp-01', `${cp}.type`, `${claimed} records have ${describeRecordType(claimed)}${found}`));
  }
  // When the type names another record, judge by whichever profile the content fits (the declared hiType
  // or the type's): the mismatch is one fault, not a cascade of section findings.
  let hiType = claimed;
  let rest: FhirFinding[] = [];
  checkAgainst(c, cp, composition, index, claimed, rest);
  if (!match.matches && fromType && fromType !== claimed) {
    const alternative: FhirFinding[] = [];
    checkAgainst(c, cp, composition, index, fromType, alternative);
    if (alternative.length < rest.length) {
      hiType = fromType;
      rest = alternative;
    }
  }
  const checked = hiType === claimed ? match : matchRecordType(hiType, c.type);
  if (checked.displayMismatch) {
    const d = checked.displayMismatch;
    out.push(finding('nrces-code-display', `${cp}.type.coding[${d.index}].display`, `${JSON.stringify(d.found)} differs from the fixed display "${d.expected.display}" of ${d.expected.code}`));
  }
  if (checked.outsideValueSet) {
    out.push(finding('nrces-comp-02', `${cp}.type.coding[${checked.outsideValueSet.index}].code`, `${checked.outsideValueSet.code} is not in ndhm-diagnostic-report-type (preferred binding)`));
  }
  out.push(...rest);
  return hiType;
}

/** The profile checks that depend on which record type the Composition is judged as. */
function checkAgainst(c: Json, cp: string, composition: IndexedEntry, index: BundleIndex, hiType: FhirHiType, out: FhirFinding[]): void {
  const profile = RECORD_PROFILES[hiType];
  const meta = isObject(c.meta) ? c.meta : undefined;
  if (!asArray(meta?.profile).includes(profile.profileUrl)) out.push(finding('nrces-comp-09', `${cp}.meta.profile`, `does not name ${profile.profileUrl}`));

  checkParticipants(c, cp, composition, index, profile, out);
  checkSections(c, cp, composition, index, profile, out);
}

function checkParticipants(c: Json, cp: string, from: IndexedEntry, index: BundleIndex, profile: RecordProfile, out: FhirFinding[]): void {
  const subjectRef = referenceOf(c.subject);
  if (subjectRef === undefined) {
    out.push(finding('nrces-comp-03', `${cp}.subject${isObject(c.subject) ? '.reference' : ''}`, `${profile.profileId} requires subject.reference to the Patient`));
  } else {
    const target = index.resolve(subjectRef, from);
    if (target && target.resourceType !== 'Patient') out.push(finding('nrces-comp-03', `${cp}.subject.reference`, `${subjectRef} is a ${target.resourceType}, not a Patient`));
  }

  if (c.encounter === undefined) {
    if (profile.encounterRequired) out.push(finding('nrces-comp-04', `${cp}.encounter`, `${profile.profileId} requires Composition.encounter (1..1)`));
  } else {
    const ref = referenceOf(c.encounter);
    const target = ref === undefined ? undefined : index.resolve(ref, from);
    if (ref === undefined) out.push(finding('nrces-comp-05', `${cp}.encounter`, 'has no reference to an Encounter entry'));
    else if (target && target.resourceType !== 'Encounter') out.push(finding('nrces-comp-05', `${cp}.encounter.reference`, `${ref} is a ${target.resourceType}, not an Encounter`));
  }

  asArray(c.author).forEach((a, i) => {
    const ref = referenceOf(a);
    if (ref === undefined) {
      if (profile.authorReferenceRequired) out.push(finding('nrces-comp-06', `${cp}.author[${i}].reference`, `${profile.profileId} requires author.reference`));
      return;
    }
    const target = index.resolve(ref, from);
    if (target?.resourceType && !AUTHOR_TYPES.includes(target.resourceType)) {
      out.push(finding('nrces-comp-07', `${cp}.author[${i}].reference`, `${ref} is a ${target.resourceType}; an author is a ${AUTHOR_TYPES.join(', ')}`));
    }
  });

  const custodianRef = referenceOf(c.custodian);
  if (custodianRef !== undefined) {
    const target = index.resolve(custodianRef, from);
    if (target?.resourceType && target.resourceType !== 'Organization') {
      out.push(finding('nrces-comp-08', `${cp}.custodian.reference`, `${custodianRef} is a ${target.resourceType}, not an Organization`));
    }
  }
}

function checkSections(c: Json, cp: string, from: IndexedEntry, index: BundleIndex, profile: RecordProfile, out: FhirFinding[]): void {
  const sections = asArray(c.section);
  const { sectionMin, sectionMax } = profile;
  if (sections.length < sectionMin || (sectionMax !== undefined && sections.length > sectionMax)) {
    const want = sectionMax === undefined ? `at least ${sectionMin}` : sectionMin === sectionMax ? `exactly ${sectionMin}` : `${sectionMin} to ${sectionMax}`;
    out.push(finding('nrces-sec-01', `${cp}.section`, `${profile.profileId} has ${want} section(s), found ${sections.length}`));
  }
  const usedSlices = profile.sectionSlicing !== 'single' ? new Map<string, number>() : undefined;
  for (let k = 0; k < sections.length; k++) {
    const s = sections[k];
    if (!isObject(s)) continue;
    const sp = sectionPath(from.index, k);
    const rule = sectionRule(s, sp, profile, out);
    if (!rule) {
      checkEntryReferences(s, sp, from, index, undefined, out);
      continue;
    }
    if (usedSlices) {
      const previous = usedSlices.get(rule.slice);
      if (previous !== undefined) out.push(finding('nrces-sec-07', sp, `the ${rule.slice} section already appears as section[${previous}] (0..1)`));
      else usedSlices.set(rule.slice, k);
    }
    checkEntryReferences(s, sp, from, index, rule, out);
  }
}

/** Which slice a section is, reporting code/title faults; undefined when it matches none. */
function sectionRule(s: Json, sp: string, profile: RecordProfile, out: FhirFinding[]): SectionRule | undefined {
  if (profile.sectionSlicing === 'single') {
    const rule = profile.sections[0];
    if (rule.codeFixed && rule.code) {
      const fixed = rule.code;
      const codings = snomedCodings(s.code);
      const hit = codings.find((c) => c.code === fixed.code);
      if (!hit && isObject(s.code) && Array.isArray(s.code.coding) && s.code.coding.length > 0) {
        out.push(finding('nrces-sec-06', `${sp}.code.coding[0].code`, `${profile.profileId} fixes the section code to ${fixed.code} "${fixed.display}"`));
      } else if (hit && hit.display !== fixed.display) {
        out.push(finding('nrces-code-display', `${sp}.code.coding[${hit.index}].display`, `${JSON.stringify(hit.display)} differs from the fixed display "${fixed.display}" of ${fixed.code}`));
      }
    }
    return rule;
  }
  if (profile.sectionSlicing === 'title') {
    const rule = profile.sections.find((r) => r.title === s.title);
    if (!rule) {
      const allowed = profile.sections.map((r) => `"${r.title}"`).join(', ');
      out.push(finding('nrces-sec-08', `${sp}.title`, `${s.title === undefined ? 'no title' : JSON.stringify(s.title)} is not a WellnessRecord section title (${allowed})`));
    }
    return rule;
  }
  for (const c of snomedCodings(s.code)) {
    const rule = profile.sections.find((r) => r.code?.code === c.code);
    if (rule) {
      if (rule.code && c.display !== rule.code.display) {
        out.push(finding('nrces-code-display', `${sp}.code.coding[${c.index}].display`, `${JSON.stringify(c.display)} differs from the fixed display "${rule.code.display}" of ${rule.code.code}`));
      }
      return rule;
    }
  }
  const codes = snomedCodings(s.code).map((c) => c.code);
  out.push(
    finding(
      'nrces-sec-05',
      `${sp}.code`,
      codes.length === 0 ? `has no SNOMED section code ${profile.profileId} knows` : `${codes.join(', ')} is not a ${profile.profileId} section code (tolerated: open slicing)`,
    ),
  );
  return undefined;
}

const targetTypes = new Map<SectionRule, ReadonlyArray<string>>();

/** Every resource type any entry slice of `rule` allows (computed once per rule). */
function allTargetTypes(rule: SectionRule): ReadonlyArray<string> {
  let types = targetTypes.get(rule);
  if (!types) {
    types = rule.entries.flatMap((x) => x.resourceTypes);
    targetTypes.set(rule, types);
  }
  return types;
}

function checkEntryReferences(s: Json, sp: string, from: IndexedEntry, index: BundleIndex, rule: SectionRule | undefined, out: FhirFinding[]): void {
  const entries = asArray(s.entry);
  if (rule && (entries.length < rule.entryMin || (rule.entryMax !== undefined && entries.length > rule.entryMax))) {
    const want = rule.entryMax === undefined ? `at least ${rule.entryMin}` : `${rule.entryMin} to ${rule.entryMax}`;
    out.push(finding('nrces-sec-02', `${sp}.entry`, `the ${rule.slice} section has ${want} entries, found ${entries.length}`));
  }
  // Made when a slice with a maximum is first counted; the entry's path only for a finding.
  let perSlice: Map<EntrySlice, number> | undefined;
  for (let m = 0; m < entries.length; m++) {
    const e = entries[m];
    if (!isObject(e)) continue;
    let slice: EntrySlice | undefined;
    if (rule?.entryTypeRequired) {
      if (typeof e.type !== 'string') {
        out.push(finding('nrces-sec-04', `${sp}.entry[${m}].type`, `the ${rule.slice} section slices entries on type: fill it (${rule.entries.map((x) => `"${x.type}"`).join(', ')})`));
      } else {
        slice = sliceOfType(rule, e.type);
        if (!slice) out.push(finding('nrces-sec-04', `${sp}.entry[${m}].type`, `"${e.type}" is not an entry type of the ${rule.slice} section (${rule.entries.map((x) => `"${x.type}"`).join(', ')})`));
      }
    }
    const ref = referenceOf(e);
    if (ref === undefined) {
      if (rule) out.push(finding('nrces-sec-03', `${sp}.entry[${m}].reference`, 'a section entry references a resource of the bundle'));
      continue;
    }
    const target = index.resolve(ref, from);
    if (!rule || !target?.resourceType) continue;
    const allowed = slice ? slice.resourceTypes : allTargetTypes(rule);
    if (!allowed.includes(target.resourceType)) {
      out.push(finding('nrces-sec-03', `${sp}.entry[${m}].reference`, `${ref} is a ${target.resourceType}; the ${rule.slice} section takes ${allowed.join(' or ')}`));
      continue;
    }
    const counted = slice ?? sliceTaking(rule, target.resourceType);
    if (counted?.max !== undefined) {
      perSlice ??= new Map();
      const n = (perSlice.get(counted) ?? 0) + 1;
      perSlice.set(counted, n);
      if (n > counted.max) out.push(finding('nrces-sec-02', `${sp}.entry[${m}]`, `the ${rule.slice} section takes at most ${counted.max} ${counted.type ?? counted.resourceTypes[0]} entr${counted.max === 1 ? 'y' : 'ies'}`));
    }
  }
}

/** The entry slice of `rule` with entry.type `type`. */
function sliceOfType(rule: SectionRule, type: string): EntrySlice | undefined {
  for (const x of rule.entries) if (x.type === type) return x;
  return undefined;
}

/** The first entry slice of `rule` that takes a `resourceType`. */
function sliceTaking(rule: SectionRule, resourceType: string): EntrySlice | undefined {
  for (const x of rule.entries) if (x.resourceTypes.includes(resourceType)) return x;
  return undefined;
}
