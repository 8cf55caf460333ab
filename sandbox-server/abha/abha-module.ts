// The ABHA service's parts, built once per sandbox: encryption keys, OTP transactions, user tokens and the
// synthetic Aadhaar registry. Services receive it with the call's findings; handlers are built around it.
import { AadhaarResidents } from '../../fixtures/world/aadhaar-residents.js';
import { abhaErrors } from '../../protocol/abha/abha-errors.js';
import type { AbdmError } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import type { SandboxContext } from '../context.js';
import { AbhaEncryptionKeys, type AbhaKeyName } from './encryption-keys.js';
import { OtpTransactions } from './otp-transactions.js';
import { AbhaUserTokens } from './user-tokens.js';

/** What a service needs to know about the call: who made it, and where its findings go. */
export interface AbhaCall {
  clientId?: string;
  findings: Finding[];
}

/** Only OTP journeys are simulated; biometric and demographic methods are refused by name. */
export function requireOtpMethod(methods: ReadonlyArray<string>): void {
  if (methods.length !== 1 || methods[0] !== 'otp') {
    throw abhaErrors.invalidField('authMethods', `authMethods must be ["otp"]; ${JSON.stringify(methods).slice(0, 60)} (biometric, demographic and child journeys) is not simulated by this sandbox`);
  }
}

export class AbhaModule {
  readonly keys: AbhaEncryptionKeys;
  readonly otps: OtpTransactions;
  readonly tokens: AbhaUserTokens;
  readonly residents: AadhaarResidents;

  constructor(readonly ctx: SandboxContext) {
    this.keys = new AbhaEncryptionKeys(ctx.store.meta);
    this.otps = new OtpTransactions(ctx);
    this.tokens = new AbhaUserTokens(ctx);
    this.residents = new AadhaarResidents(ctx.world);
  }

  /**
   * Decrypts an encrypted input or refuses the call: the finding names the client's mistake (padding, key,
   * plain text) for the conformance suite, and `refuse` builds the error the live service would send.
   */
  async decrypt(key: AbhaKeyName | 'either', value: unknown, field: string, findings: Finding[], refuse: (detail: string) => AbdmError): Promise<string> {
    if (typeof value !== 'string' || value === '') throw refuse(`${field} is missing; send it RSA-encrypted and base64-encoded`);
    const result = key === 'either' ? await this.keys.decryptWithEither('phr', value, field) : await this.keys.decrypt(key, value, field);
    if (!result.ok) {
      findings.push({ ruleId: result.ruleId, severity: 'error', path: `body.${field}`, message: result.detail });
      throw refuse(result.detail);
    }
    if (key === 'either' && result.key === 'profile') {
      findings.push({ ruleId: 'abha-enc-profile-key-on-phr', severity: 'info', path: `body.${field}`, message: `${field} was encrypted with the profile key; the /phr calls are documented with the PHR key` });
    }
    return result.plaintext;
  }

  /** Decrypts an encrypted OTP and checks it is six digits. */
  async decryptOtp(key: AbhaKeyName | 'either', value: unknown, field: string, findings: Finding[]): Promise<string> {
    const otp = await this.decrypt(key, value, field, findings, (detail) => abhaErrors.invalidField('otpValue', detail));
    if (!/^\d{6}$/.test(otp)) throw abhaErrors.invalidField('otpValue', `the decrypted OTP has ${otp.length} characters; an ABHA OTP is 6 digits`);
    return otp;
  }
}
