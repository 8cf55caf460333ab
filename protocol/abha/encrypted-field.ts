// Decrypts the RSA-encrypted fields of ABHA v3 calls (loginId, otpValue, Aadhaar; spec §4.2) and, when that
// fails, says why: PKCS#1 v1.5 padding, OAEP with SHA-256, the other ABHA key, plain text, or not base64.
// [SPEC] NHA's ABHA v3 OpenAPI description says "RSA/ECB/PKCS1Padding"; [OBS] the live service and its own
// certificate endpoint say RSA/ECB/OAEPWithSHA-1AndMGF1Padding and refuse PKCS#1 v1.5 (CARE crypto.py,
// NHA-LEARN §1.3). The sandbox follows what the service does: OAEP SHA-1/MGF1-SHA-1, no label.
import { constants, createHash, privateDecrypt, timingSafeEqual, type KeyObject } from 'node:crypto';

/** One of the ABHA service's RSA keys, with the words an error message uses for it. */
export interface AbhaRsaKey {
  privateKey: KeyObject;
  /** Modulus size in bytes: 512 for RSA-4096, 256 for RSA-2048. */
  bytes: number;
  /** e.g. `the 4096-bit profile key (GET /abha/api/v3/profile/public/certificate)` */
  description: string;
}

export type EncryptionProblem = 'not-encrypted' | 'not-base64' | 'wrong-length' | 'pkcs1-padding' | 'oaep-sha256' | 'wrong-key' | 'undecryptable';

export type DecryptedField = { ok: true; plaintext: string } | { ok: false; problem: EncryptionProblem; ruleId: string; detail: string };

/** The algorithm name the certificate endpoints publish, and the only one the sandbox decrypts. */
export const ABHA_ENCRYPTION_ALGORITHM = 'RSA/ECB/OAEPWithSHA-1AndMGF1Padding';

const RULE: Record<EncryptionProblem, string> = {
  'not-encrypted': 'abha-enc-plaintext',
  'not-base64': 'abha-enc-not-base64',
  'wrong-length': 'abha-enc-wrong-key',
  'pkcs1-padding': 'abha-enc-pkcs1-padding',
  'oaep-sha256': 'abha-enc-oaep-sha256',
  'wrong-key': 'abha-enc-wrong-key',
  undecryptable: 'abha-enc-undecryptable',
};

function refuse(problem: EncryptionProblem, detail: string): DecryptedField {
  return { ok: false, problem, ruleId: RULE[problem], detail };
}

/**
 * Decrypts `value` (base64 ciphertext) with `key`, expecting OAEP SHA-1; `others` are the service's other keys,
 * tried only to name the mistake. `fieldName` goes into the reasons (never the plaintext).
 */
export function decryptAbhaField(value: string, key: AbhaRsaKey, others: ReadonlyArray<AbhaRsaKey>, fieldName: string): DecryptedField {
  const compact = value.replace(/\s+/g, '');
  if (compact.length < 64 && /^[0-9A-Za-z@.+\-_ ]*$/.test(value)) {
    return refuse('not-encrypted', `${fieldName} looks like plain text (${compact.length} characters); encrypt it with ${key.description} using ${ABHA_ENCRYPTION_ALGORITHM} and send the base64 ciphertext`);
  }
  const bytes = decodeBase64(compact);
  if (!bytes) return refuse('not-base64', `${fieldName} is not base64 (standard alphabet, with or without = padding)`);
  if (bytes.length !== key.bytes) {
    const match = others.find((k) => k.bytes === bytes.length);
    if (match) return refuse('wrong-key', `${fieldName} is a ${bytes.length}-byte ciphertext made with a ${bytes.length * 8}-bit key such as ${match.description}; this call needs ${key.description} (${key.bytes}-byte ciphertexts)`);
    return refuse('wrong-length', `${fieldName} decodes to ${bytes.length} bytes, but ciphertexts for ${key.description} are ${key.bytes} bytes`);
  }
  const block = rawDecrypt(key.privateKey, bytes);
  if (block) {
    const oaep = oaepDecode(block, 'sha1', 'sha1');
    if (oaep) return { ok: true, plaintext: oaep.toString('utf8') };
    if (pkcs1Decode(block)) return refuse('pkcs1-padding', `${fieldName} was encrypted with PKCS#1 v1.5 padding (RSA/ECB/PKCS1Padding); ABHA v3 needs ${ABHA_ENCRYPTION_ALGORITHM} (OAEP, SHA-1 digest, MGF1 with SHA-1)`);
    if (oaepDecode(block, 'sha256', 'sha256') || oaepDecode(block, 'sha256', 'sha1')) {
      return refuse('oaep-sha256', `${fieldName} was encrypted with OAEP and SHA-256; ABHA v3 needs ${ABHA_ENCRYPTION_ALGORITHM} (SHA-1 digest and MGF1 with SHA-1)`);
    }
  }
  for (const other of others.filter((k) => k.bytes === bytes.length)) {
    const otherBlock = rawDecrypt(other.privateKey, bytes);
    if (otherBlock && (oaepDecode(otherBlock, 'sha1', 'sha1') || pkcs1Decode(otherBlock))) {
      return refuse('wrong-key', `${fieldName} was encrypted with ${other.description}; this call needs ${key.description}`);
    }
  }
  return refuse('undecryptable', `${fieldName} does not decrypt with ${key.description}: it was made with another public key, or is corrupted`);
}

/** Decrypts a legacy (v1/v2) field: PKCS#1 v1.5 as the Health-ID service used (spec §4.6); OAEP SHA-1 also accepted. */
export function decryptLegacyField(value: string, key: AbhaRsaKey, fieldName: string): DecryptedField & { padding?: 'pkcs1' | 'oaep' } {
  const bytes = decodeBase64(value.replace(/\s+/g, ''));
  if (!bytes) return refuse('not-base64', `${fieldName} is not base64`);
  if (bytes.length !== key.bytes) return refuse('wrong-length', `${fieldName} decodes to ${bytes.length} bytes; ciphertexts for ${key.description} are ${key.bytes} bytes`);
  const block = rawDecrypt(key.privateKey, bytes);
  const pkcs1 = block && pkcs1Decode(block);
  if (pkcs1) return { ok: true, plaintext: pkcs1.toString('utf8'), padding: 'pkcs1' };
  const oaep = block && oaepDecode(block, 'sha1', 'sha1');
  if (oaep) return { ok: true, plaintext: oaep.toString('utf8'), padding: 'oaep' };
  return refuse('undecryptable', `${fieldName} does not decrypt with ${key.description}`);
}

function decodeBase64(text: string): Buffer | undefined {
  if (text.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length > 0 ? bytes : undefined;
}

/**
 * The raw RSA block (no padding removed). Node 20 refuses PKCS#1 v1.5 in privateDecrypt (CVE-2023-46809), and the
 * sandbox needs to see which padding a partner used, so it removes the padding itself. Timing side channels do not
 * matter for a sandbox's throwaway keys.
 */
function rawDecrypt(privateKey: KeyObject, bytes: Buffer): Buffer | undefined {
  try {
    return privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, bytes);
  } catch {
    return undefined;
  }
}

/** EME-OAEP decoding (RFC 8017 §7.1.2) with an empty label. */
function oaepDecode(em: Buffer, hash: 'sha1' | 'sha256', mgfHash: 'sha1' | 'sha256'): Buffer | undefined {
  const hLen = hash === 'sha1' ? 20 : 32;
  if (em.length < 2 * hLen + 2 || em[0] !== 0) return undefined;
  const maskedSeed = em.subarray(1, 1 + hLen);
  const maskedDb = em.subarray(1 + hLen);
  const seed = xor(maskedSeed, mgf1(maskedDb, hLen, mgfHash));
  const db = xor(maskedDb, mgf1(seed, maskedDb.length, mgfHash));
  const lHash = createHash(hash).update(Buffer.alloc(0)).digest();
  if (!timingSafeEqual(db.subarray(0, hLen), lHash)) return undefined;
  let i = hLen;
  while (i < db.length && db[i] === 0) i++;
  if (i >= db.length || db[i] !== 1) return undefined;
  return db.subarray(i + 1);
}

/** EME-PKCS1-v1_5 decoding: 00 02 PS (≥ 8 non-zero bytes) 00 M. */
function pkcs1Decode(em: Buffer): Buffer | undefined {
  if (em[0] !== 0 || em[1] !== 2) return undefined;
  const end = em.indexOf(0, 2);
  if (end < 10) return undefined;
  return em.subarray(end + 1);
}

function mgf1(seed: Buffer, length: number, hash: 'sha1' | 'sha256'): Buffer {
  const blocks: Buffer[] = [];
  let produced = 0;
  for (let counter = 0; produced < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = createHash(hash).update(seed).update(c).digest();
    blocks.push(block);
    produced += block.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}
