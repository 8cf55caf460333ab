// The ABHA service's two RSA key pairs (spec §4.2): RSA-4096 for enrolment and profile inputs, published at
// /v3/profile/public/certificate, and RSA-2048 for ABHA-address (PHR) inputs, at /v3/phr/app/login/public/certificate.
// Generated once and persisted in the store (as the gateway's signing keys are), so ciphertexts and cached
// certificates survive restarts. A 4096-bit key takes seconds to find, so it is made in the background on first
// need (or when the server starts), never on the start-up path.
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { ABHA_ENCRYPTION_ALGORITHM, decryptAbhaField, decryptLegacyField, type AbhaRsaKey, type DecryptedField } from '../../protocol/abha/encrypted-field.js';
import type { MetaRepository } from '../store/meta-repository.js';

const generateRsa = promisify(generateKeyPair);
const META_KEY = 'abha.encryption-keys.v1';

export type AbhaKeyName = 'profile' | 'phr';

export interface AbhaKey extends AbhaRsaKey {
  name: AbhaKeyName;
  publicKey: KeyObject;
  /** Base64 DER SubjectPublicKeyInfo, no PEM armour: what the certificate endpoints publish. */
  publicKeyBase64: string;
}

const SPECS: Record<AbhaKeyName, { bits: number; description: string }> = {
  profile: { bits: 4096, description: 'the 4096-bit ABHA profile key (GET /abha/api/v3/profile/public/certificate)' },
  phr: { bits: 2048, description: 'the 2048-bit PHR key (GET /abha/api/v3/phr/app/login/public/certificate)' },
};

interface StoredKeys {
  profile: string;
  phr: string;
}

export class AbhaEncryptionKeys {
  private loading?: Promise<Record<AbhaKeyName, AbhaKey>>;
  private loaded?: Record<AbhaKeyName, AbhaKey>;

  constructor(private readonly meta: MetaRepository) {}

  /** Starts loading or generating the keys without waiting (the server calls this once it is listening). */
  warmUp(): void {
    void this.all().catch(() => undefined);
  }

  /** One key, waiting for generation if it is still under way. */
  async key(name: AbhaKeyName): Promise<AbhaKey> {
    return (this.loaded ?? (await this.all()))[name];
  }

  /** `{"publicKey","encryptionAlgorithm"}`, as the certificate endpoints answer (spec §4.2). */
  async certificate(name: AbhaKeyName): Promise<{ publicKey: string; encryptionAlgorithm: string }> {
    return { publicKey: (await this.key(name)).publicKeyBase64, encryptionAlgorithm: ABHA_ENCRYPTION_ALGORITHM };
  }

  /** The legacy v1/v2 certificate: PEM text (the legacy APIs encrypt with PKCS#1 v1.5 under the PHR key). */
  async legacyPem(): Promise<string> {
    return (await this.key('phr')).publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  /** Decrypts a field sent to a call that takes `expected`'s ciphertexts; the other key only helps to name a mistake. */
  async decrypt(expected: AbhaKeyName, value: string, fieldName: string): Promise<DecryptedField & { key?: AbhaKeyName }> {
    const keys = this.loaded ?? (await this.all());
    const other = expected === 'profile' ? keys.phr : keys.profile;
    return decryptAbhaField(value, keys[expected], [other], fieldName);
  }

  /** Decrypts with either key (calls whose key the sources disagree on); says which one the partner used. */
  async decryptWithEither(preferred: AbhaKeyName, value: string, fieldName: string): Promise<DecryptedField & { key?: AbhaKeyName }> {
    const first = await this.decrypt(preferred, value, fieldName);
    if (first.ok || first.problem !== 'wrong-key') return { ...first, key: preferred };
    const otherName: AbhaKeyName = preferred === 'profile' ? 'phr' : 'profile';
    const second = await this.decrypt(otherName, value, fieldName);
    return second.ok ? { ...second, key: otherName } : first;
  }

  /** Decrypts a legacy field (PKCS#1 v1.5, or OAEP) under the legacy (PHR) key. */
  async decryptLegacy(value: string, fieldName: string): Promise<ReturnType<typeof decryptLegacyField>> {
    return decryptLegacyField(value, await this.key('phr'), fieldName);
  }

  private all(): Promise<Record<AbhaKeyName, AbhaKey>> {
    this.loading ??= this.loadOrCreate().then((keys) => (this.loaded = keys));
    return this.loading;
  }

  private async loadOrCreate(): Promise<Record<AbhaKeyName, AbhaKey>> {
    const saved = this.meta.get(META_KEY);
    let stored: StoredKeys;
    if (saved) stored = JSON.parse(saved) as StoredKeys;
    else {
      const [profile, phr] = await Promise.all([newKeyPem(SPECS.profile.bits), newKeyPem(SPECS.phr.bits)]);
      stored = { profile, phr };
      // Another sandbox on the same store may have won the race: keep whichever was saved first.
      const again = this.meta.get(META_KEY);
      if (again) stored = JSON.parse(again) as StoredKeys;
      else this.meta.put(META_KEY, JSON.stringify(stored));
    }
    return { profile: fromPem('profile', stored.profile), phr: fromPem('phr', stored.phr) };
  }
}

async function newKeyPem(bits: number): Promise<string> {
  const { privateKey } = await generateRsa('rsa', { modulusLength: bits });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

function fromPem(name: AbhaKeyName, pem: string): AbhaKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  return {
    name,
    privateKey,
    publicKey,
    bytes: SPECS[name].bits / 8,
    description: SPECS[name].description,
    publicKeyBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}
