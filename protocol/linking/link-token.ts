// The v3 link token (spec §5.5): a gateway-signed JWT a HIP gets from generate-token and sends as X-LINK-TOKEN
// on link/carecontext. Only the `abhaNumber` claim is confirmed (WRAP decodes it, spec §13); the others are
// this sandbox's choice [UNSURE] and are named here once.

/** The claims the sandbox puts in a link token besides iss/iat/exp/jti. */
export interface LinkTokenClaims {
  /** 14 digits without dashes: WRAP copies this claim into link/carecontext, whose abhaNumber must be digits only. */
  abhaNumber: string;
  abhaAddress: string;
  /** The HIP the token was issued to; linking for another HIP is ABDM-1063. */
  hipId: string;
  /** Marks the JWT as a link token, so a session token cannot pass for one. */
  typ: 'LinkToken';
}

/** The token's expiry: six calendar months after issue (V3-LT; WRAP `setLinkTokenExpiry`). */
export function linkTokenExpiry(issuedAtMs: number): number {
  const d = new Date(issuedAtMs);
  const month = d.getUTCMonth() + 6;
  const target = new Date(Date.UTC(d.getUTCFullYear(), month, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  // Clamp the day (31 Aug + 6 months is 28/29 Feb, not 3 Mar).
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

/** The success status of on_carecontext: prose, not an enum code (spec §5.5 step 4, §10.3 #6). */
export const CARE_CONTEXT_LINKED_STATUS = 'Successfully Linked care context';
export const CARE_CONTEXT_LINK_FAILED_STATUS = 'Failed to link care context';
