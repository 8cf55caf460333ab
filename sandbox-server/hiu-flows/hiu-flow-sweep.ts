// What happens in the HIU flows with the passing of time alone, by the sandbox clock: patients decide (or let
// requests lapse, or revoke) when their policy says, artefacts expire at dataEraseAt, and a HIU's missing notify
// is reported. Runs in the sandbox's one-second sweep (flows/flow-timers.ts), before M2's consent expiry.
import type { SandboxContext } from '../context.js';
import { runDueConsentActions } from './consent-lifecycle.js';
import { reportMissingNotifies } from './hiu-transfer-notify.js';

/** Runs every timed step of the HIU flows that is due. */
export function sweepHiuFlows(ctx: SandboxContext): void {
  runDueConsentActions(ctx);
  reportMissingNotifies(ctx);
}
