import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIDELIUS_CLI_VECTOR as V } from '../../protocol/fidelius/fidelius-test-vector.js';
import { decodePublicKey, generateKeyPair, generateNonce, cryptoRandomBytes, encrypt } from '../../protocol/fidelius/index.js';

const root = resolve(import.meta.dirname, '../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npx tsx bin/abdm-sandbox.ts fidelius …` (tsx resolved from node_modules, as npx would). */
function cli(args: string[], stdin?: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(resolve(root, 'node_modules/.bin/tsx'), ['bin/abdm-sandbox.ts', 'fidelius', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

const encryptArgs = (requesterPublicKey: string) => [V.plaintext, V.sender.nonce, V.requester.nonce, V.sender.privateKey, requesterPublicKey];
const decryptArgs = (senderPublicKey: string, encrypted: string = V.encryptedData) => [encrypted, V.requester.nonce, V.sender.nonce, V.requester.privateKey, senderPublicKey];

describe('abdm-sandbox fidelius', () => {
  it('encrypts the §8.3 vector to the published ciphertext with either form of the requester key', async () => {
    const [raw, x509, json] = await Promise.all([
      cli(['encrypt', ...encryptArgs(V.requester.publicKey)]),
      cli(['e', ...encryptArgs(V.requester.x509PublicKey)]),
      cli(['encrypt', '--json', ...encryptArgs(V.requester.publicKey)]),
    ]);
    expect(raw).toEqual({ code: 0, stdout: `${V.encryptedData}\n`, stderr: '' });
    expect(x509.stdout).toBe(`${V.encryptedData}\n`);
    expect(JSON.parse(json.stdout)).toEqual({ encryptedData: V.encryptedData });
  });

  it('decrypts the §8.3 vector with either form of the sender key, from an argument or stdin', async () => {
    const [raw, x509, json, stdin] = await Promise.all([
      cli(['decrypt', ...decryptArgs(V.sender.publicKey)]),
      cli(['d', ...decryptArgs(V.sender.x509PublicKey)]),
      cli(['decrypt', '--json', ...decryptArgs(V.sender.publicKey)]),
      cli(['decrypt', ...decryptArgs(V.sender.publicKey, '-')], V.encryptedData),
    ]);
    expect(raw).toEqual({ code: 0, stdout: `${V.plaintext}\n`, stderr: '' });
    expect(x509.stdout).toBe(`${V.plaintext}\n`);
    expect(JSON.parse(json.stdout)).toEqual({ decryptedData: V.plaintext });
    expect(stdin.stdout).toBe(`${V.plaintext}\n`);
  });

  it('generates key material like fidelius-cli gkm, repeatably with --seed', async () => {
    const [first, again, plain] = await Promise.all([
      cli(['keygen', '--json', '--seed', '42']),
      cli(['gkm', '--json', '--seed', '42']),
      cli(['keygen']),
    ]);
    expect(first.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    const material = JSON.parse(first.stdout) as Record<string, string>;
    expect(Object.keys(material)).toEqual(['privateKey', 'publicKey', 'x509PublicKey', 'nonce']);
    expect(decodePublicKey(material.x509PublicKey).point).toEqual(decodePublicKey(material.publicKey).point);
    expect(material.nonce).toHaveLength(44);
    expect(plain.stdout).toMatch(/^privateKey {5}\S{40,48}\npublicKey {6}\S{88}\nx509PublicKey {2}\S{412}\nnonce {10}\S{44}\n$/);

    // The generated keys work with the library: the requester role decrypts what we encrypt to it.
    const senderNonce = generateNonce(cryptoRandomBytes);
    const sender = generateKeyPair(cryptoRandomBytes);
    const encrypted = encrypt({ plaintext: '{"resourceType":"Bundle"}', senderNonce, requesterNonce: material.nonce, senderPrivateKey: sender.privateKey, requesterPublicKey: material.publicKey });
    const opened = await cli(['decrypt', encrypted, material.nonce, senderNonce, material.privateKey, sender.x509PublicKey]);
    expect(opened.stdout).toBe('{"resourceType":"Bundle"}\n');
  });

  it('fails with exit 1 and one line naming the problem', async () => {
    const shortKey = V.sender.publicKey.slice(0, 86);
    const tampered = `A${V.encryptedData.slice(1)}`;
    const [badKey, badData] = await Promise.all([cli(['decrypt', ...decryptArgs(shortKey)]), cli(['decrypt', ...decryptArgs(V.sender.publicKey, tampered)])]);
    expect(badKey.code).toBe(1);
    expect(badKey.stdout).toBe('');
    expect(badKey.stderr).toBe(
      "abdm-sandbox fidelius decrypt: the sender's public key is 64 bytes; expected a 65-byte raw point (88 base64 chars) or a 309-byte X.509 key (412 chars) [bad-key-encoding]\n",
    );
    expect(badData.code).toBe(1);
    expect(badData.stderr.trim().split('\n')).toHaveLength(1);
    expect(badData.stderr).toContain('[decrypt-failed]');
  });

  it('exits 2 on usage errors', async () => {
    const [missing, badSeed] = await Promise.all([cli(['encrypt', 'text', V.sender.nonce]), cli(['keygen', '--seed', 'abc'])]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'requesterNonce'");
    expect(badSeed.code).toBe(2);
  });
});
