// The OTP rules of the ABHA service, as data: how long an OTP lives, when it may be resent, how many sends and
// wrong guesses a transaction allows before it is blocked. Sources are given per rule.

export const OTP_RULES = {
  /** Six digits (ABHA v3 OpenAPI "OTP Validation: [0-9]{6}"). */
  length: 6,
  /** "OTP will be valid for 10 minute only" (ABHA v3 OpenAPI, request/otp). */
  validityMs: 10 * 60_000,
  /** A resend unlocks 60 s after the previous send (NHA test cases CRT_ABHA_106, VRFY_ABHA_305; PHR flow notes). */
  resendAfterMs: 60_000,
  /**
   * Sends per transaction: the first and two resends. NHA's test cases require a client to offer at least two
   * resends; the exact server limit is not published, so the sandbox allows exactly what a correct client needs.
   */
  maxSends: 3,
  /** Wrong OTPs per transaction before it is blocked (the limit is not published; UIDAI-style 3). */
  maxWrongAttempts: 3,
  /** ABDM-1100 "... Please try again in 30 minutes." */
  blockMs: 30 * 60_000,
  /** A transaction (txnId) lives this long after its last OTP: enough to finish enrolment. */
  transactionLifetimeMs: 30 * 60_000,
} as const;

/** Token lifetimes of the ABHA service (ABHA v3 OpenAPI examples; spec §4.4 [OBS]). */
export const ABHA_TOKEN_SECONDS = {
  /** X-token: the user token from an Aadhaar-OTP login, verify/user or enrolment. */
  user: 1800,
  /** T-token: the transfer token a mobile-OTP login returns, to be exchanged at verify/user. */
  transfer: 300,
  /** R-token: refreshes an X-token for 15 days. */
  refresh: 1_296_000,
} as const;
