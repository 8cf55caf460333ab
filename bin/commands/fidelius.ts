// `abdm-sandbox fidelius keygen|encrypt|decrypt`: Fidelius from the command line, with fidelius-cli's argument
// order and output fields, so a partner can check their own HIP/HIU crypto against a second implementation.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { Rng } from '../../protocol/random.js';
import {
  cryptoRandomBytes,
  decrypt,
  encrypt,
  generateKeyPair,
  generateNonce,
  isFideliusError,
  seededRandomBytes,
  type RandomBytes,
} from '../../protocol/fidelius/index.js';
import { EXIT } from '../exit-codes.js';

interface OutputOptions {
  json?: boolean;
}

/** `-` reads the value from standard input (for bundles too long for a command line). */
function argumentValue(value: string): string {
  return value === '-' ? readFileSync(0, 'utf8') : value;
}

/** Runs `action`; a Fidelius error ends the command with exit 1 and one line on stderr. */
function runFidelius(command: Command, action: () => void): void {
  try {
    action();
  } catch (err) {
    if (!isFideliusError(err)) throw err;
    process.stderr.write(`abdm-sandbox fidelius ${command.name()}: ${err.message} [${err.reason}]\n`);
    process.exitCode = EXIT.failure;
  }
}

function print(options: OutputOptions, jsonBody: Record<string, string>, plain: string): void {
  process.stdout.write(options.json ? `${JSON.stringify(jsonBody, null, 2)}\n` : `${plain}\n`);
}

/** Adds the `fidelius` command and its three sub-commands. */
export function registerFideliusCommand(program: Command): void {
  const fidelius = program
    .command('fidelius')
    .description("ABDM health-information encryption (Fidelius): keys, encrypt, decrypt, with fidelius-cli's argument order");

  fidelius
    .command('keygen')
    .alias('gkm')
    .description('generate a key pair (private key, raw and X.509 public key) and a nonce, as fidelius-cli gkm does')
    .option('--json', "print fidelius-cli's JSON ({privateKey, publicKey, x509PublicKey, nonce})")
    .option('--seed <integer>', 'derive the keys from a seed (deterministic sandbox keys; never for real data)')
    .action(function (this: Command, options: OutputOptions & { seed?: string }) {
      let random: RandomBytes = cryptoRandomBytes;
      if (options.seed !== undefined) {
        if (!/^-?\d+$/.test(options.seed)) this.error(`--seed must be an integer, not ${JSON.stringify(options.seed)}`, { exitCode: EXIT.usage });
        random = seededRandomBytes(new Rng(Number(options.seed)));
      }
      const keyPair = generateKeyPair(random);
      const material = { ...keyPair, nonce: generateNonce(random) };
      const width = 'x509PublicKey'.length;
      const plain = Object.entries(material)
        .map(([name, value]) => `${name.padEnd(width)}  ${value}`)
        .join('\n');
      print(options, material, plain);
    });

  fidelius
    .command('encrypt')
    .alias('e')
    .description('encrypt text for the requester (HIU); public keys raw (88 chars) or X.509 (412 chars); "-" reads the text from stdin')
    .argument('<text>', 'the text to encrypt, e.g. a FHIR Bundle JSON')
    .argument('<senderNonce>', 'the sender (HIP) nonce, base64 of 32 bytes')
    .argument('<requesterNonce>', 'the requester (HIU) nonce, base64 of 32 bytes')
    .argument('<senderPrivateKey>', 'the sender (HIP) private key, base64')
    .argument('<requesterPublicKey>', 'the requester (HIU) public key, base64 raw or X.509')
    .option('--json', 'print {"encryptedData": …} as fidelius-cli does')
    .option('--base64-text', "the text argument is itself base64 (fidelius-cli's sane-encrypt)")
    .action(function (this: Command, text: string, senderNonce: string, requesterNonce: string, senderPrivateKey: string, requesterPublicKey: string, options: OutputOptions & { base64Text?: boolean }) {
      runFidelius(this, () => {
        const raw = argumentValue(text);
        const plaintext = options.base64Text ? Buffer.from(raw, 'base64').toString('utf8') : raw;
        const encryptedData = encrypt({ plaintext, senderNonce, requesterNonce, senderPrivateKey, requesterPublicKey });
        print(options, { encryptedData }, encryptedData);
      });
    });

  fidelius
    .command('decrypt')
    .alias('d')
    .description('decrypt data from the sender (HIP); public keys raw (88 chars) or X.509 (412 chars); "-" reads the data from stdin')
    .argument('<encrypted>', 'base64 ciphertext with the GCM tag appended (entries[].content)')
    .argument('<requesterNonce>', 'the requester (HIU) nonce, base64 of 32 bytes')
    .argument('<senderNonce>', 'the sender (HIP) nonce, base64 of 32 bytes')
    .argument('<requesterPrivateKey>', 'the requester (HIU) private key, base64')
    .argument('<senderPublicKey>', 'the sender (HIP) public key, base64 raw or X.509')
    .option('--json', 'print {"decryptedData": …} as fidelius-cli does')
    .action(function (this: Command, encrypted: string, requesterNonce: string, senderNonce: string, requesterPrivateKey: string, senderPublicKey: string, options: OutputOptions) {
      runFidelius(this, () => {
        const decryptedData = decrypt({ encrypted: argumentValue(encrypted), requesterNonce, senderNonce, requesterPrivateKey, senderPublicKey });
        print(options, { decryptedData }, decryptedData);
      });
    });
}
