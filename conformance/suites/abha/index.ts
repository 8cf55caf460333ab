// The ABHA suite (milestone M1): grades an ABHA client — the partner's enrolment, verification, profile and card
// calls — from the sandbox's journal of the calls it made under its client id during the run. One file per concern.
import { defineSuite } from '../../dsl/test-definition.js';
import { abhaAttestationGroup } from './attestation.js';
import { abhaCardGroup, abhaEnrolmentGroup } from './enrolment.js';
import { abhaJourneyGroup } from './journey.js';
import { abhaAddressGroup, abhaLoginGroup, abhaProfileGroup } from './login.js';
import { abhaCryptoGroup, abhaHeaderGroup, abhaTokenGroup } from './wire-rules.js';

export const abhaSuite = defineSuite({
  id: 'abha',
  title: 'ABHA client (M1): enrolment, verification, profile and card',
  role: 'abha',
  groups: [
    abhaJourneyGroup,
    abhaCryptoGroup,
    abhaHeaderGroup,
    abhaTokenGroup,
    abhaEnrolmentGroup,
    abhaCardGroup,
    abhaLoginGroup,
    abhaProfileGroup,
    abhaAddressGroup,
    abhaAttestationGroup,
  ],
});
