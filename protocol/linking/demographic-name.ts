// The name rule of the v3 link-token and linking specs (spec abdm-api §5.5): V3-LT's regex
// `^[a-zA-Z]+(([',. -][a-zA-Z ])?[a-zA-Z]*)*$` rewritten so that it accepts exactly the same names without the
// nested quantifiers: the published form backtracks exponentially on a long name with one bad character.

/**
 * V3-LT's name rule: a letter, then letters or pairs of (one of `',. -`, then a letter or space). The two
 * alternatives start with disjoint characters, so matching is linear.
 */
export const ABDM_NAME_PATTERN = "^[a-zA-Z](?:[a-zA-Z]|[',. -][a-zA-Z ])*$";

const NAME = new RegExp(ABDM_NAME_PATTERN);

/** True when `name` satisfies the v3 name rule. */
export function isAbdmName(name: string): boolean {
  return NAME.test(name);
}

/** Folds a name for comparison: lower case, letters only, one space between words. */
export function foldName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
