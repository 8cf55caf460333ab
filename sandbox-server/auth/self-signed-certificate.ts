// A minimal X.509 v3 self-signed certificate (DER), enough for the JWKS `x5c` field Keycloak publishes.
// Node can parse certificates but not make them; the encoding below is the few DER shapes a certificate needs.
import { sign, type KeyObject } from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const nullValue = Buffer.from([0x05, 0x00]);

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes = [parts[0] * 40 + parts[1]];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    for (let v = part >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function integer(hex: string): Buffer {
  let bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

function utcTime(ms: number): Buffer {
  // UTCTime YYMMDDHHMMSSZ is valid until 2049, which outlives any sandbox certificate.
  const iso = new Date(ms).toISOString();
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function commonName(cn: string): Buffer {
  return sequence(set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));
}

const SIGNATURE_OIDS = { sha256: '1.2.840.113549.1.1.11', sha512: '1.2.840.113549.1.1.13' } as const;

export interface CertificateOptions {
  commonName: string;
  serialHex: string;
  notBeforeMs: number;
  notAfterMs: number;
  hash: keyof typeof SIGNATURE_OIDS;
}

/** Base64 DER of a self-signed RSA certificate for `publicKey`, signed with `privateKey`. */
export function selfSignedCertificate(privateKey: KeyObject, publicKey: KeyObject, options: CertificateOptions): string {
  const algorithm = sequence(oid(SIGNATURE_OIDS[options.hash]), nullValue);
  const name = commonName(options.commonName);
  const tbs = sequence(
    tlv(0xa0, integer('02')), // [0] EXPLICIT version v3
    integer(options.serialHex),
    algorithm,
    name,
    sequence(utcTime(options.notBeforeMs), utcTime(options.notAfterMs)),
    name,
    publicKey.export({ format: 'der', type: 'spki' }),
  );
  const signature = sign(options.hash, tbs, privateKey);
  const certificate = sequence(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return certificate.toString('base64');
}
