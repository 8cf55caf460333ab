// The hand-coded Bundle and Composition invariants must agree with HL7's own FHIRPath expressions, which
// the rule catalogue carries and `fhirpath` evaluates here on valid and broken bundles.
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleOpConsultBundle } from './example-op-bundle.js';
import { createFhirValidator, type FhirValidator } from './fhir-validator.js';
import { FHIR_RULES } from './rule-catalogue.js';

type B = Record<string, any>;

const VARIANTS: Record<string, (b: B) => void> = {
  valid: () => {},
  collection: (b) => {
    b.type = 'collection';
  },
  compositionNotFirst: (b) => {
    b.entry.push(b.entry.shift());
  },
  duplicateFullUrl: (b) => {
    b.entry[6].fullUrl = b.entry[5].fullUrl;
  },
  duplicateFullUrlOtherVersion: (b) => {
    b.entry[6].fullUrl = b.entry[5].fullUrl;
    b.entry[6].resource.meta = { versionId: '2' };
  },
  historyFullUrl: (b) => {
    b.entry[5].fullUrl = 'https://hip.example/fhir/Condition/1/_history/2';
  },
  entryWithRequest: (b) => {
    b.entry[5].request = { method: 'POST', url: 'Condition' };
  },
  entryWithSearch: (b) => {
    b.entry[5].search = { mode: 'match' };
  },
  total: (b) => {
    b.total = 7;
  },
  transactionWithoutRequests: (b) => {
    b.type = 'transaction';
  },
  message: (b) => {
    b.type = 'message';
  },
  emptyEntry: (b) => {
    b.entry.push({ fullUrl: 'urn:uuid:1b4bd2c5-6a1d-4c47-9a0c-2f0a3c6d9e90' });
  },
  noIdentifier: (b) => {
    delete b.identifier;
  },
  identifierWithoutSystem: (b) => {
    delete b.identifier.system;
  },
  noTimestamp: (b) => {
    delete b.timestamp;
  },
  emptySection: (b) => {
    b.entry[0].resource.section.push({ title: 'Empty' });
  },
  emptyReasonWithEntries: (b) => {
    b.entry[0].resource.section[0].emptyReason = { text: 'withheld' };
  },
};

/** How an invariant is evaluated on the whole bundle (entry- and section-level ones are wrapped in all()). */
function bundleExpression(id: string, expression: string): string {
  if (id === 'bdl-5' || id === 'bdl-8') return `entry.all(${expression})`;
  if (id.startsWith('cmp-')) return `entry.resource.ofType(Composition).section.all(${expression})`;
  return expression;
}

let validator: FhirValidator;
beforeAll(() => {
  validator = createFhirValidator();
});

describe('Bundle and Composition invariants agree with their official FHIRPath', () => {
  const invariants = FHIR_RULES.filter((r) => r.fhirpath !== undefined);

  it('covers every bdl-* and cmp-* rule the validator implements', () => {
    expect(invariants.map((r) => r.id)).toEqual(['bdl-1', 'bdl-2', 'bdl-3', 'bdl-4', 'bdl-5', 'bdl-7', 'bdl-8', 'bdl-9', 'bdl-10', 'bdl-11', 'bdl-12', 'cmp-1', 'cmp-2']);
  });

  for (const [name, mutate] of Object.entries(VARIANTS)) {
    it(`${name}: each invariant fails in fhirpath exactly when the validator reports it`, () => {
      const bundle = exampleOpConsultBundle();
      mutate(bundle);
      const reported = new Set(validator.validate(bundle).map((f) => f.ruleId));
      for (const rule of invariants) {
        const result = fhirpath.evaluate(bundle, bundleExpression(rule.id, rule.fhirpath as string), { resource: bundle }, r4) as unknown[];
        const holds = result.length === 1 && result[0] === true;
        expect({ rule: rule.id, reported: reported.has(rule.id) }).toEqual({ rule: rule.id, reported: !holds });
      }
    });
  }

  it('the broken variants do break something (the comparison above is not vacuous)', () => {
    let broken = 0;
    for (const [name, mutate] of Object.entries(VARIANTS)) {
      if (name === 'valid' || name === 'duplicateFullUrlOtherVersion' || name === 'collection') continue;
      const bundle = exampleOpConsultBundle();
      mutate(bundle);
      if (validator.validate(bundle).some((f) => /^(bdl|cmp)-/.test(f.ruleId))) broken++;
    }
    expect(broken).toBe(Object.keys(VARIANTS).length - 3);
  });
});
