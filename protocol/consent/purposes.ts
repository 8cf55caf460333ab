// Consent purposes (spec §7): v3 checks that the text is exactly the one that goes with the code.
export const PURPOSE_REF_URI = 'http://terminology.hl7.org/ValueSet/v3-PurposeOfUse';

/** Purpose code → the exact text v3 expects (V3-CM enum, DIMAGI labels). */
export const PURPOSES = {
  CAREMGT: 'Care Management',
  BTG: 'Break the Glass',
  PUBHLTH: 'Public Health',
  HPAYMT: 'Healthcare Payment',
  DSRCH: 'Disease Specific Healthcare Research',
  PATRQT: 'Self Requested',
} as const;

export type PurposeCode = keyof typeof PURPOSES;

export interface ConsentPurpose {
  text: string;
  code: string;
  refUri: string;
}

export function isPurposeCode(value: unknown): value is PurposeCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PURPOSES, value);
}

/** The purpose object of an artefact for `code`. */
export function purposeOf(code: PurposeCode): ConsentPurpose {
  return { text: PURPOSES[code], code, refUri: PURPOSE_REF_URI };
}

/** Undefined when `purpose` pairs a known code with its exact text; otherwise what is wrong. */
export function purposeProblem(purpose: { code?: unknown; text?: unknown }): string | undefined {
  if (!isPurposeCode(purpose.code)) return `purpose.code ${JSON.stringify(purpose.code)} is not one of ${Object.keys(PURPOSES).join(', ')}`;
  if (purpose.text !== PURPOSES[purpose.code]) return `purpose.text for ${purpose.code} must be exactly "${PURPOSES[purpose.code]}", not ${JSON.stringify(purpose.text)}`;
  return undefined;
}
