// Reads the key a reviewer pins with `report verify --key`: a sandbox URL (its /sandbox/signing-key), a file saved from
// that endpoint or a PEM public key, or the key id itself. Every form ends as a key id (the JWK thumbprint).
import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { calculateJwkThumbprint } from 'jose';
import { reportKeyInfo, type Ed25519Jwk } from '../sandbox-server/auth/report-signing-key.js';
import { UsageError } from './exit-codes.js';

const KEY_ID = /^[A-Za-z0-9_-]{43}$/;

/** The key id `value` stands for; a UsageError says why it cannot be read. */
export async function pinnedKeyId(value: string): Promise<string> {
  if (/^https?:\/\//.test(value)) return keyIdOfDocument(await fetchKey(value), value);
  if (existsSync(value)) {
    const text = readFileSync(value, 'utf8');
    if (text.includes('-----BEGIN PUBLIC KEY-----')) {
      try {
        return (await reportKeyInfo(createPublicKey(text))).keyId;
      } catch (err) {
        throw new UsageError(`--key ${value}: not an Ed25519 public key (${(err as Error).message})`);
      }
    }
    try {
      return keyIdOfDocument(JSON.parse(text), value);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`--key ${value}: neither a PEM public key nor the JSON of /sandbox/signing-key`);
    }
  }
  if (KEY_ID.test(value)) return value;
  throw new UsageError(`--key ${value}: give the sandbox URL (http://host:port), a file saved from its /sandbox/signing-key, a PEM public key, or a key id of 43 characters`);
}

async function fetchKey(value: string): Promise<unknown> {
  const url = new URL(value);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/sandbox/signing-key';
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new UsageError(`--key ${value}: no answer from ${url.href} (${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message})`);
  }
  if (!response.ok) throw new UsageError(`--key ${value}: ${url.href} answered ${response.status}`);
  return response.json().catch(() => {
    throw new UsageError(`--key ${value}: ${url.href} did not answer JSON`);
  });
}

/** The key id of a /sandbox/signing-key document, checked against its public key. */
async function keyIdOfDocument(document: unknown, source: string): Promise<string> {
  const jwk = (document as { publicKeyJwk?: Ed25519Jwk } | undefined)?.publicKeyJwk;
  if (!jwk || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new UsageError(`--key ${source}: no Ed25519 publicKeyJwk in it; is it a sandbox's /sandbox/signing-key?`);
  return calculateJwkThumbprint(jwk, 'sha256');
}
