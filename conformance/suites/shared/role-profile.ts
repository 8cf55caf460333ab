// What differs between grading a HIP and an HIU on the gateway-core rules: ids, milestone, routing header, and
// the probe, a harmless gateway call every partner of the role must accept and answer.
import type { Rng } from '../../../protocol/random.js';
import type { Milestone } from '../../dsl/test-definition.js';
import type { PartnerRole, RoutingHeader } from '../../../protocol/operations/operation.js';

export interface Probe {
  /** The gateway→partner call (`hip.discover`, ...). */
  callbackId: string;
  /** The operation of the partner's answer (`uil.on-discover`, ...). */
  answerOperationId: string;
  /** The call's path on the bridge, for messages. */
  path: string;
  /** What the call is, in words. */
  describe: string;
  /** A fresh body: new ids from the test's seeded stream. */
  body(rng: Rng): Record<string, unknown>;
}

export interface RoleProfile {
  role: PartnerRole;
  /** Test-id prefix: `HIP`, `HIU`. */
  prefix: string;
  milestone: Milestone;
  routingHeader: RoutingHeader;
  probe: Probe;
}

/**
 * HIP probe: a discovery request for a patient the HIP cannot know (an ABHA address made up for the test).
 * Every HIP accepts it (202) and answers with an error on-discover (ABDM-1010 Patient not found), spec §5.1.
 */
export const HIP_PROFILE: RoleProfile = {
  role: 'hip',
  prefix: 'HIP',
  milestone: 'M2',
  routingHeader: 'x-hip-id',
  probe: {
    callbackId: 'hip.discover',
    answerOperationId: 'uil.on-discover',
    path: '/api/v3/hip/patient/care-context/discover',
    describe: 'a discovery request for a patient the HIP does not know',
    body: (rng) => ({
      transactionId: rng.uuid(),
      patient: { id: `probe.${rng.hex(4)}@sbx`, verifiedIdentifiers: [], unverifiedIdentifiers: [], name: 'Conformance Probe', gender: 'O', yearOfBirth: 1970 },
    }),
  },
};

/**
 * HIU probe: a DENIED notification for a consent request id made up for the test (for DENIED only the request
 * id is given, spec §6.4). Every HIU accepts a notify (2xx) and acknowledges it with on-notify.
 */
export const HIU_PROFILE: RoleProfile = {
  role: 'hiu',
  prefix: 'HIU',
  milestone: 'M3',
  routingHeader: 'x-hiu-id',
  probe: {
    callbackId: 'hiu.consent-notify',
    answerOperationId: 'consent.hiu-on-notify',
    path: '/api/v3/hiu/consent/request/notify',
    describe: 'a DENIED consent notification for a consent request the HIU does not know',
    body: (rng) => ({ notification: { consentRequestId: rng.uuid(), status: 'DENIED' } }),
  },
};
