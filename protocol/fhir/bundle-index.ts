// An index of a bundle's entries (by fullUrl and by Type/id) and FHIR's rules for resolving a reference
// inside a bundle: urn:uuid / absolute URLs by fullUrl, relative `Type/id` against the entry's RESTful base
// or by type and id, `#id` against the containing resource's contained resources.

export type Json = Record<string, unknown>;

/** What a reference points at: an entry of the bundle or a contained resource of one. */
export interface ResolvedTarget {
  resourceType?: string;
  entry: IndexedEntry;
  /** Set when the target is a contained resource of `entry`. */
  contained?: Json;
}

/** One entry of the bundle; it is also the target a reference to it resolves to, so resolving allocates nothing. */
export interface IndexedEntry extends ResolvedTarget {
  index: number;
  fullUrl?: string;
  resource?: Json;
  resourceType?: string;
  /** The entry itself. */
  entry: IndexedEntry;
  contained?: undefined;
}

/** An entry record with every field set up front (one object shape, no property store growing as fields are added). */
export function indexedEntry(index: number, fullUrl?: string, resource?: Json): IndexedEntry {
  const type = resource?.resourceType;
  const entry: IndexedEntry = { index, fullUrl, resource, resourceType: typeof type === 'string' ? type : undefined, entry: undefined as unknown as IndexedEntry, contained: undefined };
  entry.entry = entry;
  return entry;
}

const HISTORY = /\/_history\/[^/]*$/;
const RESTFUL_TAIL = /^(.*\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[^/]*)?$/;

export class BundleIndex {
  readonly entries: IndexedEntry[] = [];
  /** Entries whose fullUrl an earlier entry already has, with that earlier entry (for bdl-7). */
  readonly repeatedFullUrls: Array<{ entry: IndexedEntry; first: IndexedEntry }> = [];
  private readonly byFullUrl = new Map<string, IndexedEntry>();
  // Built on the first relative reference: documents mostly reference by urn:uuid.
  private byTypeIdMap: Map<string, IndexedEntry> | undefined;

  constructor(bundle: Json) {
    const raw = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
    for (let i = 0; i < raw.length; i++) {
      const e = raw[i];
      let entry: IndexedEntry;
      if (e !== null && typeof e === 'object' && !Array.isArray(e)) {
        const fullUrl = (e as Json).fullUrl;
        const resource = (e as Json).resource;
        const isResource = resource !== null && typeof resource === 'object' && !Array.isArray(resource);
        entry = indexedEntry(i, typeof fullUrl === 'string' ? fullUrl : undefined, isResource ? (resource as Json) : undefined);
      } else {
        entry = indexedEntry(i);
      }
      this.entries.push(entry);
      // First one wins: a duplicate fullUrl is bdl-7's business, not a resolution ambiguity to guess about.
      if (entry.fullUrl !== undefined) {
        const first = this.byFullUrl.get(entry.fullUrl);
        if (first) this.repeatedFullUrls.push({ entry, first });
        else this.byFullUrl.set(entry.fullUrl, entry);
      }
    }
  }

  private get byTypeId(): Map<string, IndexedEntry> {
    if (!this.byTypeIdMap) {
      this.byTypeIdMap = new Map();
      for (const entry of this.entries) {
        const id = entry.resource?.id;
        if (entry.resourceType && typeof id === 'string') {
          const key = `${entry.resourceType}/${id}`;
          if (!this.byTypeIdMap.has(key)) this.byTypeIdMap.set(key, entry);
        }
      }
    }
    return this.byTypeIdMap;
  }

  /** The entry `reference` resolves to by being exactly its fullUrl (a `#id` reference never does). */
  entryWithFullUrl(reference: string): IndexedEntry | undefined {
    return reference.charCodeAt(0) === 35 /* # */ ? undefined : this.byFullUrl.get(reference);
  }

  /** Resolves `reference` as written inside `from` (an entry), or returns undefined. */
  resolve(reference: string, from: IndexedEntry): ResolvedTarget | undefined {
    if (reference.charCodeAt(0) === 35 /* # */) return this.resolveContained(reference, from);
    const direct = this.byFullUrl.get(reference);
    if (direct) return direct;
    const unversioned = reference.replace(HISTORY, '');
    if (unversioned !== reference) {
      const hit = this.byFullUrl.get(unversioned);
      if (hit) return hit;
    }
    if (!/^[a-z][a-z0-9+.-]*:/i.test(unversioned)) {
      // Relative: against the RESTful base of the referring entry first, then by type and id (§1.6 item 2).
      const base = from.fullUrl !== undefined ? RESTFUL_TAIL.exec(from.fullUrl)?.[1] : undefined;
      if (base) {
        const hit = this.byFullUrl.get(base + unversioned);
        if (hit) return hit;
      }
      return this.byTypeId.get(unversioned);
    }
    return undefined;
  }

  private resolveContained(reference: string, from: IndexedEntry): ResolvedTarget | undefined {
    if (!from.resource) return undefined;
    if (reference === '#') return { entry: from, resourceType: from.resourceType };
    const contained = from.resource.contained;
    if (!Array.isArray(contained)) return undefined;
    const id = reference.slice(1);
    for (const c of contained) {
      if (c !== null && typeof c === 'object' && (c as Json).id === id) {
        const type = (c as Json).resourceType;
        return { entry: from, contained: c as Json, resourceType: typeof type === 'string' ? type : undefined };
      }
    }
    return undefined;
  }
}

/** The `reference` string of a Reference-shaped value, if any. */
export function referenceOf(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const ref = (value as Json).reference;
    if (typeof ref === 'string') return ref;
  }
  return undefined;
}
