// What an X-token opens (spec §4.4, journey 7): the ABHA profile, the ABHA card and QR code as PNG images, a new
// X-token for the R-token, and logout. The PHR (ABHA-address) side reuses the card and QR drawing.
import { abhaErrors } from '../../protocol/abha/abha-errors.js';
import type { Finding } from '../../protocol/findings.js';
import { abhaAccountByNumber } from './account-lookup.js';
import type { AbhaAccount } from './account-types.js';
import type { AbhaCall, AbhaModule } from './abha-module.js';
import { abhaQrPayload, cardContent, fullProfile } from './abha-responses.js';
import { renderCard, renderQrPng, type CardContent } from './card/abha-card.js';
import type { AbhaTokenClaims, SessionTokens } from './user-tokens.js';

/** The account an X-token (of an ABHA-number session) belongs to. */
export async function accountOfXToken(abha: AbhaModule, xToken: string, findings: Finding[]): Promise<{ account: AbhaAccount; claims: AbhaTokenClaims }> {
  const claims = await abha.tokens.verify(xToken, 'user', findings, 'ABHA-N');
  const account = claims.abhaNumber ? abhaAccountByNumber(abha.ctx, claims.abhaNumber) : undefined;
  if (!account) throw abhaErrors.userNotFound(`the X-token names ABHA number ${claims.abhaNumber ?? '(none)'}, which this sandbox does not know (was the store reset?)`);
  return { account, claims };
}

/** GET /v3/profile/account */
export async function abhaProfile(abha: AbhaModule, xToken: string, call: AbhaCall) {
  return fullProfile((await accountOfXToken(abha, xToken, call.findings)).account);
}

/** GET /v3/profile/account/abha-card (and download-abha-card) */
export async function abhaCardPng(abha: AbhaModule, xToken: string, call: AbhaCall): Promise<{ png: Buffer; account: AbhaAccount }> {
  const { account } = await accountOfXToken(abha, xToken, call.findings);
  return { png: cachedCard(cardContent('ABHA', account, account.preferredAbhaAddress)), account };
}

/** GET /v3/profile/account/qrCode */
export async function abhaQrPng(abha: AbhaModule, xToken: string, call: AbhaCall): Promise<Buffer> {
  const { account } = await accountOfXToken(abha, xToken, call.findings);
  return renderQrPng(abhaQrPayload(account, account.preferredAbhaAddress));
}

/** GET /v3/profile/account/request/token with the R-token: a new X-token (and R-token). */
export async function refreshUserToken(abha: AbhaModule, rToken: string, call: AbhaCall): Promise<SessionTokens> {
  const claims = await abha.tokens.verify(rToken, 'refresh', call.findings);
  if (claims.system === 'ABHA-A') {
    return abha.tokens.issueSession({ system: 'ABHA-A', abhaAddress: claims.abhaAddress, abhaNumber: claims.abhaNumber, mobile: claims.mobile ?? '', kycVerified: claims.abhaNumber !== undefined });
  }
  const account = claims.abhaNumber ? abhaAccountByNumber(abha.ctx, claims.abhaNumber) : undefined;
  if (!account) throw abhaErrors.userNotFound('the R-token names an account this sandbox does not know');
  return abha.tokens.issueSession({ system: 'ABHA-N', abhaNumber: account.abhaNumber, abhaAddress: account.preferredAbhaAddress, mobile: account.mobile, kycVerified: true });
}

/** GET /v3/profile/account/request/logout: the X-token stops working. */
export async function logout(abha: AbhaModule, xToken: string, call: AbhaCall) {
  const claims = await abha.tokens.verify(xToken, 'user', call.findings);
  abha.tokens.revoke(claims);
  return { message: 'User logged out successfully' };
}

const cards = new Map<string, Buffer>();

/** Cards are pure functions of their content, and drawing one takes tens of milliseconds: keep the recent ones. */
export function cachedCard(content: CardContent): Buffer {
  const key = JSON.stringify(content);
  let png = cards.get(key);
  if (!png) {
    png = renderCard(content);
    if (cards.size >= 200) cards.delete(cards.keys().next().value!);
    cards.set(key, png);
  }
  return png;
}
