// ABHA transactions (txnId) and their OTPs: sends and resends, expiry, wrong guesses and blocking, by the rules of
// protocol/abha/otp-rules.ts. OTPs are deterministic (a hash of the seed, the txnId and the send number), so tests
// and people read them at GET /sandbox/otp?txnId= instead of from a phone.
import { abhaErrors } from '../../protocol/abha/abha-errors.js';
import type { OtpSystem } from '../../protocol/abha/otp-request-rules.js';
import { OTP_RULES } from '../../protocol/abha/otp-rules.js';
import type { Finding } from '../../protocol/findings.js';
import { hash32 } from '../../protocol/random.js';
import type { SandboxContext } from '../context.js';

/** One OTP a transaction is waiting for. */
export interface OtpChallenge {
  /** `aadhaar`: UIDAI sends it to the Aadhaar mobile; `abdm`: the ABHA service sends it to a mobile. */
  system: OtpSystem;
  /** What the OTP proves (e.g. `aadhaar:<payload>`, `mobile:<number>`): a resend must be for the same thing. */
  target: string;
  /** The mobile it was sent to. */
  sentTo: string;
  otp: string;
  sends: number;
  lastSentAt: number;
  expiresAt: number;
  wrongAttempts: number;
  verifiedAt?: number;
}

export interface TransactionState<D> {
  challenge?: OtpChallenge;
  /** Set when too many sends or wrong OTPs blocked the transaction (ABDM-1100). */
  blockedUntil?: number;
  data: D;
}

export interface Transaction<D> {
  txnId: string;
  kind: string;
  clientId?: string;
  createdAt: number;
  state: TransactionState<D>;
}

export interface ChallengeInput {
  system: OtpSystem;
  target: string;
  sentTo: string;
}

export type VerifyOutcome = { ok: true } | { ok: false; expired: true };

/** Where an OTP went, as the real messages say it: the last four digits. */
export function maskedMobile(mobile: string): string {
  return `******${mobile.slice(-4)}`;
}

export class OtpTransactions {
  private saves = 0;

  constructor(private readonly ctx: SandboxContext) {}

  /** A new transaction with its first OTP sent. */
  start<D>(kind: string, clientId: string | undefined, data: D, challenge?: ChallengeInput): Transaction<D> {
    const now = this.ctx.clock.now();
    const txn: Transaction<D> = { txnId: this.ctx.ids.uuid(), kind, clientId, createdAt: now, state: { data } };
    if (challenge) txn.state.challenge = this.newChallenge(txn.txnId, challenge, 1, now);
    this.save(txn);
    return txn;
  }

  /** The transaction `txnId` of one of `kinds`; ABHA's "Invalid Transaction Id" when unknown, expired or of another journey. */
  load<D>(txnId: unknown, kinds: ReadonlyArray<string>, purpose: string): Transaction<D> {
    if (typeof txnId !== 'string' || txnId.trim() === '') throw abhaErrors.invalidTransaction(`txnId is missing; send the txnId from ${purpose}`);
    const stored = this.ctx.store.abha.transaction<{ kind: string; createdAt: number; state: TransactionState<D> }>(txnId);
    if (!stored) throw abhaErrors.invalidTransaction(`no transaction ${txnId.slice(0, 60)} in this sandbox (txnIds come from ${purpose}, and live ${OTP_RULES.transactionLifetimeMs / 60_000} minutes)`);
    if (Date.parse(stored.expiresAt) < this.ctx.clock.now()) throw abhaErrors.invalidTransaction(`transaction ${txnId} expired at ${stored.expiresAt}; start again`);
    if (!kinds.includes(stored.kind)) throw abhaErrors.invalidTransaction(`transaction ${txnId} belongs to ${describeKind(stored.kind)}, not to ${kinds.map(describeKind).join(' or ')}`);
    return { txnId, kind: stored.kind, clientId: stored.clientId, createdAt: stored.state.createdAt, state: stored.state.state };
  }

  /**
   * Sends the transaction's OTP again (same target) or a new one (another target, e.g. the communication mobile
   * after the Aadhaar OTP). A resend within 60 s is refused; a send beyond the limit blocks the transaction.
   */
  send<D>(txn: Transaction<D>, input: ChallengeInput, findings: Finding[]): OtpChallenge {
    const now = this.ctx.clock.now();
    this.refuseIfBlocked(txn, findings);
    const current = txn.state.challenge;
    if (!current || current.target !== input.target || current.verifiedAt !== undefined) {
      txn.state.challenge = this.newChallenge(txn.txnId, input, 1, now);
      this.save(txn);
      return txn.state.challenge;
    }
    const waited = now - current.lastSentAt;
    if (waited < OTP_RULES.resendAfterMs) {
      const wait = Math.ceil((OTP_RULES.resendAfterMs - waited) / 1000);
      findings.push({ ruleId: 'abha-otp-resend-too-early', severity: 'error', path: 'txnId', message: `OTP resent ${Math.floor(waited / 1000)} s after the last one; a resend unlocks after 60 s` });
      throw abhaErrors.tooManyRequests(`an OTP can be resent 60 s after the last one; this request came ${Math.floor(waited / 1000)} s after it (wait ${wait} s more)`);
    }
    if (current.sends >= OTP_RULES.maxSends) {
      txn.state.blockedUntil = now + OTP_RULES.blockMs;
      this.save(txn);
      findings.push({ ruleId: 'abha-otp-too-many-sends', severity: 'error', path: 'txnId', message: `more than ${OTP_RULES.maxSends} OTP sends in one transaction` });
      throw abhaErrors.otpAttemptsExceeded(`transaction ${txn.txnId} already sent ${current.sends} OTPs (the first and ${OTP_RULES.maxSends - 1} resends); it is blocked until ${iso(txn.state.blockedUntil)}; start a new transaction`);
    }
    txn.state.challenge = this.newChallenge(txn.txnId, input, current.sends + 1, now);
    this.save(txn);
    return txn.state.challenge;
  }

  /**
   * Checks an OTP against the transaction's challenge. A wrong OTP throws the system's error (UIDAI's ABDM-1204 or
   * ABHA's "Invalid OTP value"); the last allowed wrong guess blocks the transaction. An expired OTP is returned,
   * not thrown, because the two OTP systems answer it differently.
   */
  verify<D>(txn: Transaction<D>, otp: string, findings: Finding[]): VerifyOutcome {
    const now = this.ctx.clock.now();
    this.refuseIfBlocked(txn, findings);
    const challenge = txn.state.challenge;
    if (!challenge) throw abhaErrors.invalidTransaction(`transaction ${txn.txnId} has no OTP to verify; request one first`);
    if (challenge.verifiedAt !== undefined) {
      findings.push({ ruleId: 'abha-txn-reused', severity: 'error', path: 'txnId', message: 'an OTP that was already verified was sent again' });
      throw abhaErrors.invalidTransaction(`the OTP of transaction ${txn.txnId} was already verified at ${iso(challenge.verifiedAt)}; a transaction cannot be replayed`);
    }
    if (now > challenge.expiresAt) {
      findings.push({ ruleId: 'abha-otp-expired', severity: 'info', path: 'otpValue', message: `OTP used after it expired at ${iso(challenge.expiresAt)}` });
      return { ok: false, expired: true };
    }
    if (otp !== challenge.otp) {
      challenge.wrongAttempts++;
      const left = OTP_RULES.maxWrongAttempts - challenge.wrongAttempts;
      findings.push({ ruleId: 'abha-otp-wrong', severity: 'info', path: 'otpValue', message: `wrong OTP (${challenge.wrongAttempts} of ${OTP_RULES.maxWrongAttempts})` });
      if (left <= 0) txn.state.blockedUntil = now + OTP_RULES.blockMs;
      this.save(txn);
      const detail = left > 0 ? `the OTP does not match; ${left} attempt${left === 1 ? '' : 's'} left in this transaction` : `the OTP does not match, and that was the last attempt: transaction ${txn.txnId} is blocked until ${iso(txn.state.blockedUntil)}`;
      throw challenge.system === 'aadhaar' ? abhaErrors.invalidAadhaarOtp(detail) : abhaErrors.invalidAbdmOtp(txn.txnId, detail);
    }
    challenge.verifiedAt = now;
    this.save(txn);
    return { ok: true };
  }

  save<D>(txn: Transaction<D>): void {
    const now = this.ctx.clock.now();
    const lastActivity = Math.max(now, txn.state.challenge?.lastSentAt ?? 0);
    this.ctx.store.abha.putTransaction({
      txnId: txn.txnId,
      kind: txn.kind,
      clientId: txn.clientId,
      state: { kind: txn.kind, createdAt: txn.createdAt, state: txn.state },
      createdAt: iso(txn.createdAt),
      expiresAt: iso(Math.max(lastActivity + OTP_RULES.transactionLifetimeMs, txn.state.blockedUntil ?? 0)),
    });
    if (++this.saves % 500 === 0) this.ctx.store.abha.purgeTransactions(iso(now));
  }

  /** What GET /sandbox/otp shows: the current OTP of a transaction and where its limits stand. */
  view(txnId: string): Record<string, unknown> | undefined {
    const stored = this.ctx.store.abha.transaction<{ kind: string; createdAt: number; state: TransactionState<unknown> }>(txnId);
    if (!stored) return undefined;
    const { state } = stored.state;
    const c = state.challenge;
    return {
      txnId,
      journey: describeKind(stored.kind),
      ...(c
        ? {
            otp: c.otp,
            otpSystem: c.system,
            sentTo: maskedMobile(c.sentTo),
            sends: c.sends,
            sendsAllowed: OTP_RULES.maxSends,
            sentAt: iso(c.lastSentAt),
            expiresAt: iso(c.expiresAt),
            resendAllowedAt: iso(c.lastSentAt + OTP_RULES.resendAfterMs),
            wrongAttempts: c.wrongAttempts,
            wrongAttemptsAllowed: OTP_RULES.maxWrongAttempts,
            verified: c.verifiedAt !== undefined,
          }
        : { otp: null }),
      blockedUntil: state.blockedUntil ? iso(state.blockedUntil) : null,
      transactionExpiresAt: stored.expiresAt,
    };
  }

  private refuseIfBlocked<D>(txn: Transaction<D>, findings: Finding[]): void {
    const until = txn.state.blockedUntil;
    if (until !== undefined && this.ctx.clock.now() < until) {
      findings.push({ ruleId: 'abha-otp-blocked', severity: 'error', path: 'txnId', message: 'a blocked transaction was used again' });
      throw abhaErrors.otpAttemptsExceeded(`transaction ${txn.txnId} is blocked until ${iso(until)} after too many OTP sends or wrong OTPs; start a new transaction`);
    }
  }

  private newChallenge(txnId: string, input: ChallengeInput, sends: number, now: number): OtpChallenge {
    return {
      ...input,
      otp: String(hash32(this.ctx.config.seed, 'abha-otp', txnId, input.target, sends) % 10 ** OTP_RULES.length).padStart(OTP_RULES.length, '0'),
      sends,
      lastSentAt: now,
      expiresAt: now + OTP_RULES.validityMs,
      wrongAttempts: 0,
    };
  }
}

const KIND_NAMES: Record<string, string> = {
  enrolment: 'an Aadhaar-OTP enrolment (enrollment/request/otp)',
  login: 'a login (profile/login/request/otp)',
  'find-abha': 'a Find-ABHA search (profile/account/abha/search)',
  'phr-login': 'an ABHA-address login (phr/.../request/otp)',
  'phr-enrolment': 'an ABHA-address enrolment (phr/app/enrollment/request/otp)',
  'legacy-registration': 'a legacy registration (v2/registration/aadhaar/generateOtp)',
  'legacy-auth': 'a legacy authentication (v1/auth/init)',
};

function describeKind(kind: string): string {
  return KIND_NAMES[kind] ?? kind;
}

function iso(ms: number | undefined): string {
  return new Date(ms ?? 0).toISOString();
}
