// Deliberate faults in a gateway→bridge call, for conformance tests: a token the bridge must refuse (signed by a
// key that is not in the JWKS, or long expired) and a duplicate delivery of the same call (spec §12.2 #10).
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { Clock } from '../../protocol/clock.js';
import type { Finding } from '../../protocol/findings.js';
import type { TokenService } from '../auth/token-service.js';

/** `forged-key`: the real key's kid, signed by another RSA key. `expired`: the real key, expired an hour ago. */
export type TokenFault = 'forged-key' | 'expired';

export const TOKEN_FAULTS: ReadonlyArray<TokenFault> = ['forged-key', 'expired'];

export interface DeliveryFaults {
  token?: TokenFault;
  /** Deliver the call this many times with the same REQUEST-ID and token (1 = normal). Extra copies are not retried. */
  deliveries?: number;
}

export const MAX_DELIVERIES = 3;

/**
 * How long before delivery the `expired` token expired. A genuine retry can carry a token up to ~11 minutes past
 * its `exp` (the token is reused while 5 of its 20 minutes remain, and the live retry comes 16 minutes later,
 * spec §2.2 [OBS]), so partners need leeway; an hour is beyond any leeway a verifier should allow.
 */
export const EXPIRED_TOKEN_AGE_SECONDS = 3600;

const generateRsa = promisify(generateKeyPair);
let forgingKey: Promise<KeyObject> | undefined;

/** An RSA key the gateway never published; made once per process (2048-bit generation is slow). */
function foreignKey(): Promise<KeyObject> {
  forgingKey ??= generateRsa('rsa', { modulusLength: 2048 }).then((pair) => pair.privateKey);
  return forgingKey;
}

/** The bearer token a faulty call carries. */
export async function faultyBearer(tokens: TokenService, clock: Clock, fault: TokenFault): Promise<string> {
  const now = Math.floor(clock.now() / 1000);
  if (fault === 'expired') return tokens.signGatewayToken(now - EXPIRED_TOKEN_AGE_SECONDS - 1200, now - EXPIRED_TOKEN_AGE_SECONDS);
  return tokens.signGatewayToken(now, now + 1200, await foreignKey());
}

/** Checks faults given over the admin API; returns the problems, or an empty list. */
export function deliveryFaultProblems(input: unknown): string[] {
  if (input === undefined) return [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return ['faults must be an object {token?, deliveries?}'];
  const problems: string[] = [];
  const { token, deliveries, ...rest } = input as Record<string, unknown>;
  if (token !== undefined && !TOKEN_FAULTS.includes(token as TokenFault)) problems.push(`faults.token must be one of ${TOKEN_FAULTS.join(', ')}`);
  if (deliveries !== undefined && !(Number.isInteger(deliveries) && (deliveries as number) >= 1 && (deliveries as number) <= MAX_DELIVERIES)) {
    problems.push(`faults.deliveries must be an integer from 1 to ${MAX_DELIVERIES}`);
  }
  for (const key of Object.keys(rest)) problems.push(`faults.${key} is not a known fault (token, deliveries)`);
  return problems;
}

/** The note a faulty call carries in the journal, so nobody mistakes it for the gateway misbehaving. */
export function faultNote(faults: DeliveryFaults): Finding | undefined {
  const parts: string[] = [];
  if (faults.token === 'forged-key') parts.push('signed with a key that is not in the JWKS (under the real kid); the bridge must refuse it');
  if (faults.token === 'expired') parts.push(`signed with a token that expired ${EXPIRED_TOKEN_AGE_SECONDS / 60} minutes earlier; the bridge must refuse it`);
  if ((faults.deliveries ?? 1) > 1) parts.push(`delivered ${faults.deliveries} times with the same REQUEST-ID; the bridge must act once`);
  if (parts.length === 0) return undefined;
  return { ruleId: 'sandbox-fault-injected', severity: 'info', message: `Deliberate fault (conformance test): ${parts.join('; ')}` };
}
