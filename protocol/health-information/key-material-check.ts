// Checks a received keyMaterial field by field and reports findings instead of throwing, so a conformance run
// can show every problem at once (spec §8.5 items 2–4; expiry per fhir-data-crypto §3.3).
import { decodeNonce, decodePublicKey, isFideliusError, type AffinePoint } from '../fidelius/index.js';
import type { Finding } from './finding.js';
import { finding } from './health-information-rules.js';
import { CRYPTO_ALG, CURVE, DH_PARAMETERS, parseExpiry } from './key-material.js';

export interface CheckKeyMaterialOptions {
  /** Epoch milliseconds to judge expiry against; the caller's clock, never the wall clock. */
  now: number;
  /** JSONPath of the keyMaterial in the payload. Default `$.keyMaterial`. */
  path?: string;
  /** Whose key it is, for messages ("the HIP"). Default "the sender". */
  owner?: string;
}

export interface KeyMaterialCheck {
  findings: Finding[];
  /** The decoded public key, when it decoded and lies on the curve. */
  publicKey?: AffinePoint;
  /** The decoded nonce, when it is 32 bytes. */
  nonce?: Uint8Array;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every problem with a keyMaterial value, plus what could be decoded from it. */
export function checkKeyMaterial(value: unknown, options: CheckKeyMaterialOptions): KeyMaterialCheck {
  const path = options.path ?? '$.keyMaterial';
  const owner = options.owner ?? 'the sender';
  const findings: Finding[] = [];
  if (!isRecord(value)) {
    findings.push(finding('KEYMAT.PRESENT', `${path} is ${value === undefined ? 'missing' : 'not an object'}`, path));
    return { findings };
  }
  if (value.cryptoAlg !== CRYPTO_ALG) {
    findings.push(finding('KEYMAT.CRYPTO-ALG', `cryptoAlg is ${JSON.stringify(value.cryptoAlg)}; expected "${CRYPTO_ALG}"`, `${path}.cryptoAlg`));
  }
  if (typeof value.curve !== 'string' || value.curve.toLowerCase() !== CURVE.toLowerCase()) {
    findings.push(finding('KEYMAT.CURVE', `curve is ${JSON.stringify(value.curve)}; expected "${CURVE}" (any letter case)`, `${path}.curve`));
  }

  const result: KeyMaterialCheck = { findings };
  const dh = value.dhPublicKey;
  const dhPath = `${path}.dhPublicKey`;
  if (!isRecord(dh)) {
    findings.push(finding('KEYMAT.PUBLIC-KEY', `${dhPath} is ${dh === undefined ? 'missing' : 'not an object'}`, dhPath));
  } else {
    if (dh.parameters !== DH_PARAMETERS) {
      findings.push(finding('KEYMAT.PARAMETERS', `parameters is ${JSON.stringify(dh.parameters)}; peers send "${DH_PARAMETERS}"`, `${dhPath}.parameters`));
    }
    try {
      result.publicKey = decodePublicKey(dh.keyValue as string, `${owner}'s public key`).point;
    } catch (err) {
      if (!isFideliusError(err)) throw err;
      const rule = err.reason === 'key-not-on-curve' ? 'KEYMAT.KEY-ON-CURVE' : 'KEYMAT.PUBLIC-KEY';
      findings.push(finding(rule, err.message, `${dhPath}.keyValue`));
    }
    try {
      parseExpiry(dh.expiry, options.now, owner);
    } catch (err) {
      if (!isFideliusError(err)) throw err;
      findings.push(finding(err.reason === 'key-expired' ? 'KEYMAT.EXPIRED' : 'KEYMAT.EXPIRY', err.message, `${dhPath}.expiry`));
    }
  }

  try {
    result.nonce = decodeNonce(value.nonce as string, `${owner}'s nonce`);
  } catch (err) {
    if (!isFideliusError(err)) throw err;
    findings.push(finding('KEYMAT.NONCE', err.message, `${path}.nonce`));
  }
  return result;
}
