// ABHA.ATTEST: what NHA's M1 reviewers check on the partner's screens and no journal can show (consent text,
// labels, what the card looks like), and the one mandatory case whose APIs the sandbox does not simulate. Each is
// reported as not graded, tagged `attestation`; the HTML report lists them for a reviewer to attest.
import { defineGroup } from '../../dsl/test-definition.js';
import { ATTESTATION_TAG } from '../../results/outcome.js';
import { abhaTest } from './abha-test.js';

/** The skip reason of an attestation test starts with this (reports and tests look for it). */
export const ATTESTATION_PREFIX = 'To be attested by a reviewer:';

interface Attestation {
  n: number;
  title: string;
  check: string;
  level: 'MUST' | 'SHOULD' | 'MAY';
  nha: string[];
  spec: string[];
}

const ITEMS: Attestation[] = [
  { n: 1, title: 'Shows the full enrolment consent text before the Aadhaar OTP is requested', check: 'the app shows NHA\'s ABHA enrolment consent text (version 1.4) in full and the user accepts it before any OTP is sent', level: 'MUST', nha: ['CRT_ABHA_101'], spec: ['abdm-api.md §4.7'] },
  { n: 2, title: 'Offers the consent text in other languages', check: 'the consent text can be read in the user\'s language', level: 'MAY', nha: ['CRT_ABHA_103'], spec: ['abdm-api.md §4.7'] },
  { n: 3, title: 'Shows a clear error for an invalid Aadhaar number', check: 'entering an invalid Aadhaar number (wrong length or checksum) shows an understandable error and sends nothing, or shows the service\'s error', level: 'MUST', nha: ['CRT_ABHA_104'], spec: ['abdm-api.md §4.7'] },
  { n: 4, title: 'Shows the 14-digit ABHA number and the ABHA address after enrolment', check: 'after enrolment the screen shows the ABHA number as XX-XXXX-XXXX-XXXX and the chosen ABHA address', level: 'MUST', nha: ['CRT_ABHA_113'], spec: ['abdm-api.md §4.7'] },
  { n: 5, title: 'Shows the ABHA card and lets the user download it', check: 'the ABHA card is shown with number, photo, QR code, date of birth, gender and address, and can be downloaded', level: 'MUST', nha: ['CRT_ABHA_114', 'CRT_ABHA_115'], spec: ['abdm-api.md §4.7'] },
  { n: 6, title: 'Labels the number "ABHA Number", never "Health ID"', check: 'every screen and document calls the 14-digit number "ABHA Number" and the address "ABHA Address"', level: 'MUST', nha: [], spec: ['abdm-api.md §4.7'] },
  { n: 7, title: 'Links the ABHA number to an existing ABHA address', check: 'a user with an existing (self-declared) ABHA address can link their ABHA number to it; the sandbox does not simulate the PHR profile link/deLink calls, so a reviewer checks it', level: 'MUST', nha: ['LINK_ABHA_701'], spec: ['abdm-api.md §4.5', 'abdm-api.md §4.7'] },
  { n: 8, title: 'Reads an ABHA QR code to find the person', check: 'scanning an ABHA QR code (e.g. the sandbox\'s card) fills in the person\'s ABHA number and address', level: 'MAY', nha: ['VRFY_ABHA_501'], spec: ['abdm-api.md §4.7'] },
];

export const abhaAttestationGroup = defineGroup(
  'ABHA.ATTEST',
  'To be attested by a reviewer',
  ITEMS.map((item) =>
    abhaTest({
      id: `ABHA.ATTEST.0${item.n}`,
      title: item.title,
      description: `A reviewer checks on the partner's app that ${item.check}. The runner cannot see screens: the test is reported as not graded, for attestation.`,
      level: item.level,
      nhaTestCases: item.nha,
      spec: item.spec,
      tags: [ATTESTATION_TAG],
      run: async (ctx) => ctx.skip(`${ATTESTATION_PREFIX} ${item.check}`),
    }),
  ),
);
