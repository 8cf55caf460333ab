// Layer 3 of the validator: the R4 Bundle invariants (bdl-*), the Composition section invariants (cmp-1/2)
// and what a document needs of its entries (§1.6 item 2). Hand-coded for speed; their official FHIRPath
// expressions live in the rule catalogue and a test evaluates them with `fhirpath` to keep the two in step.
import type { BundleIndex, IndexedEntry, Json } from './bundle-index.js';
import { entryPath, sectionPath } from './fhir-path.js';
import type { FhirFinding } from './findings.js';
import { finding } from './rule-catalogue.js';

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const present = (v: unknown): boolean => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);

/** Appends bdl-*, cmp-* and doc-entry-* findings for `bundle`. */
export function checkBundleInvariants(bundle: Json, index: BundleIndex, out: FhirFinding[]): void {
  const type = bundle.type;
  const isDocument = type === 'document';
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];

  if (present(bundle.total) && type !== 'searchset' && type !== 'history') {
    out.push(finding('bdl-1', 'Bundle.total', `total is only allowed in a searchset or history bundle, not ${String(type)}`));
  }
  const wantsRequest = type === 'batch' || type === 'transaction' || type === 'history';
  const wantsResponse = type === 'batch-response' || type === 'transaction-response' || type === 'history';
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const at = entryPath(i);
    if (!isObject(e)) continue;
    if (present(e.search) && type !== 'searchset') out.push(finding('bdl-2', `${at}.search`, `entry.search is only allowed in a searchset, not ${String(type)}`));
    if (present(e.request) !== wantsRequest) {
      out.push(finding('bdl-3', `${at}.request`, wantsRequest ? `entry.request is required in a ${String(type)} bundle` : `entry.request is not allowed in a ${String(type)} bundle`));
    }
    if (present(e.response) !== wantsResponse) {
      out.push(finding('bdl-4', `${at}.response`, wantsResponse ? `entry.response is required in a ${String(type)} bundle` : `entry.response is not allowed in a ${String(type)} bundle`));
    }
    const hasResource = present(e.resource);
    if (!hasResource && !present(e.request) && !present(e.response)) {
      out.push(finding('bdl-5', at, 'the entry has no resource, request or response'));
    } else if (isDocument && !hasResource) {
      out.push(finding('doc-entry-resource', `${at}.resource`, 'every entry of a document carries a resource'));
    }
    const fullUrl = e.fullUrl;
    if (typeof fullUrl === 'string') {
      if (fullUrl.includes('/_history/')) out.push(finding('bdl-8', `${at}.fullUrl`, `${fullUrl} is a version-specific reference`));
    } else if (isDocument) {
      out.push(finding('doc-entry-fullurl', `${at}.fullUrl`, 'every entry of a document has a fullUrl'));
    }
  }

  if (type !== 'history') checkDuplicateFullUrls(index, out);

  if (isDocument) {
    const identifier = isObject(bundle.identifier) ? bundle.identifier : undefined;
    if (!identifier) out.push(finding('bdl-9', 'Bundle.identifier', 'a document has an identifier with system and value'));
    else {
      if (!present(identifier.system)) out.push(finding('bdl-9', 'Bundle.identifier.system', 'a document identifier has a system'));
      if (!present(identifier.value)) out.push(finding('bdl-9', 'Bundle.identifier.value', 'a document identifier has a value'));
    }
    if (!present(bundle.timestamp)) out.push(finding('bdl-10', 'Bundle.timestamp', 'a document has a timestamp'));
    const first = index.entries[0];
    if (!first) out.push(finding('bdl-11', 'Bundle.entry', 'a document starts with a Composition, but has no entries'));
    else if (first.resource && first.resourceType !== 'Composition') {
      out.push(finding('bdl-11', 'Bundle.entry[0].resource', `a document starts with a Composition, not a ${first.resourceType ?? 'resource without resourceType'}`));
    }
  }
  if (type === 'message') {
    const first = index.entries[0];
    if (!first || first.resourceType !== 'MessageHeader') out.push(finding('bdl-12', 'Bundle.entry[0].resource', 'a message starts with a MessageHeader'));
  }

  for (const entry of index.entries) {
    if (entry.resourceType === 'Composition' && entry.resource) checkSections(entry.resource.section, (i) => sectionPath(entry.index, i), out);
  }
}

/** bdl-7: fullUrl & meta.versionId distinct. The index already found the repeated fullUrls; versions may tell them apart. */
function checkDuplicateFullUrls(index: BundleIndex, out: FhirFinding[]): void {
  if (index.repeatedFullUrls.length === 0) return;
  const version = (e: IndexedEntry) => {
    const meta = e.resource && isObject(e.resource.meta) ? e.resource.meta : undefined;
    return typeof meta?.versionId === 'string' ? meta.versionId : '';
  };
  const groups = new Map<IndexedEntry, IndexedEntry[]>();
  for (const { entry, first } of index.repeatedFullUrls) {
    const seen = groups.get(first) ?? [first];
    const twin = seen.find((e) => version(e) === version(entry));
    if (twin) out.push(finding('bdl-7', `Bundle.entry[${entry.index}].fullUrl`, `${entry.fullUrl} is already the fullUrl of Bundle.entry[${twin.index}]`));
    seen.push(entry);
    groups.set(first, seen);
  }
}

/** cmp-1 and cmp-2 on each section and sub-section; `pathOf(i)` is the FHIRPath of section i (built only when needed). */
function checkSections(sections: unknown, pathOf: (i: number) => string, out: FhirFinding[]): void {
  if (!Array.isArray(sections)) return;
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    if (!isObject(s)) continue;
    const hasEntries = present(s.entry);
    if (!present(s.text) && !hasEntries && !present(s.section)) out.push(finding('cmp-1', pathOf(i), 'a section has text, entries or sub-sections'));
    if (present(s.emptyReason) && hasEntries) out.push(finding('cmp-2', `${pathOf(i)}.emptyReason`, 'a section with entries has no emptyReason'));
    if (Array.isArray(s.section)) checkSections(s.section, (k) => `${pathOf(i)}.section[${k}]`, out);
  }
}
