// Which flow acts on the answers to which gateway call: callback id → AnswerProcessor. The generic `on-*`
// handler consults this map, so a flow hooks in without special cases in the gateway.
import type { AnswerProcessor } from '../services/callback-answers.js';
import { consentNotifyAnswers } from './consent-flow.js';
import { discoveryAnswers } from './discovery-flow.js';
import { healthInformationRequestAnswers } from './health-information-flow.js';
import { profileShareAnswers } from './profile-share-flow.js';
import { linkConfirmAnswers, linkInitAnswers } from './user-linking-flow.js';

export const hipFlowAnswerProcessors: Readonly<Record<string, AnswerProcessor>> = {
  'hip.discover': discoveryAnswers,
  'hip.link-init': linkInitAnswers,
  'hip.link-confirm': linkConfirmAnswers,
  'hip.patient-share': profileShareAnswers,
  'hip.consent-notify': consentNotifyAnswers,
  'hip.health-information-request': healthInformationRequestAnswers,
};
