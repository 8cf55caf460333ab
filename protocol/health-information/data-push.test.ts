import { describe, expect, it } from 'vitest';
import { SessionCipher } from '../fidelius/index.js';
import { md5Hex } from './content-checksum.js';
import type { CareContextRecord, DataPushPage } from './data-push.js';
import { buildDataPushPages, type BuildDataPushOptions } from './data-push-build.js';
import { checkDataPushSequence } from './data-push-pages.js';
import { openDataPushPage, type OpenDataPushOptions } from './data-push-open.js';
import { EXPIRY, NOW, party } from './test-support.js';

const hiu = party(101, 'raw');
const hip = party(202);
const TXN = '5f7a2c1e-9d3b-4e8f-a6b2-0c1d2e3f4a5b';

const bundle = (i: number) => JSON.stringify({ resourceType: 'Bundle', id: `bundle-${i}`, type: 'document', entry: [] });
const records = (count: number): CareContextRecord[] =>
  Array.from({ length: count }, (_, i) => ({ careContextReference: `CC-${i + 1}`, bundleJson: bundle(i + 1) }));

const build = (overrides: Partial<BuildDataPushOptions> = {}): DataPushPage[] =>
  buildDataPushPages({
    transactionId: TXN,
    records: records(5),
    entriesPerPage: 2,
    sender: { keyPair: hip.keyPair, nonce: hip.nonce },
    receiverKeyMaterial: hiu.keyMaterial,
    now: NOW,
    ...overrides,
  });

const openOptions: OpenDataPushOptions = { receiverPrivateKey: hiu.keyPair.privateKey, receiverNonce: hiu.nonce, now: NOW, expectedTransactionId: TXN };
const open = (page: unknown, overrides: Partial<OpenDataPushOptions> = {}) => openDataPushPage(page, { ...openOptions, ...overrides });
const ruleIds = (page: unknown) => open(page).findings.map((f) => f.ruleId);
/** A deep copy to tamper with. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('building a data push', () => {
  it('splits records into numbered pages that carry the HIP key material and MD5 checksums', () => {
    const pages = build();
    expect(pages.map((p) => [p.pageNumber, p.pageCount, p.entries.length])).toEqual([
      [0, 3, 2],
      [1, 3, 2],
      [2, 3, 1],
    ]);
    const entry = pages[0].entries[0];
    expect(entry).toMatchObject({ media: 'application/fhir+json', careContextReference: 'CC-1', checksum: md5Hex(bundle(1)) });
    expect(entry.checksum).toMatch(/^[0-9a-f]{32}$/);
    expect(pages[0].keyMaterial).toEqual({
      cryptoAlg: 'ECDH',
      curve: 'Curve25519',
      dhPublicKey: { expiry: EXPIRY, parameters: 'Curve25519/32byte random key', keyValue: hip.keyPair.x509PublicKey },
      nonce: hip.nonce,
    });
    expect(build({ firstPageNumber: 1 }).map((p) => p.pageNumber)).toEqual([1, 2, 3]);
    expect(build({ records: [] })).toEqual([]);
  });

  it('is byte-identical for the same keys, nonces and records', () => {
    expect(JSON.stringify(build())).toBe(JSON.stringify(build()));
  });

  it('encrypts so the HIU can decrypt each entry with its own key and nonce', () => {
    const [page] = build({ records: records(1), publicKeyEncoding: 'raw' });
    expect(page.keyMaterial.dhPublicKey.keyValue).toBe(hip.keyPair.publicKey);
    const hiuSide = SessionCipher.create({ role: 'requester', privateKey: hiu.keyPair.privateKey, peerPublicKey: page.keyMaterial.dhPublicKey.keyValue, nonce: hiu.nonce, peerNonce: hip.nonce });
    expect(Buffer.from(hiuSide.decrypt(page.entries[0].content)).toString()).toBe(bundle(1));
  });

  it('refuses to encrypt for an expired HIU key, or with a nonsense page size', () => {
    expect(() => build({ now: Date.parse(EXPIRY) + 1 })).toThrow(expect.objectContaining({ reason: 'key-expired' }));
    expect(() => build({ entriesPerPage: 0 })).toThrow(RangeError);
  });
});

describe('opening a data push', () => {
  it('round-trips several pages: every entry opens to its bundle, and the sequence is complete', () => {
    const pages = build({ records: records(7), entriesPerPage: 3 });
    const opened = pages.map((p) => open(p));
    expect(opened.every((o) => o.ok && o.findings.length === 0)).toBe(true);
    const entries = opened.flatMap((o) => o.entries);
    expect(entries.map((e) => [e.careContextReference, e.status, e.plaintext])).toEqual(
      records(7).map((r) => [r.careContextReference, 'opened', r.bundleJson]),
    );
    expect(entries[6].bundle).toEqual(JSON.parse(bundle(7)));
    expect(opened.map((o) => [o.transactionId, o.pageNumber, o.pageCount])).toEqual([
      [TXN, 0, 3],
      [TXN, 1, 3],
      [TXN, 2, 3],
    ]);
    expect(checkDataPushSequence(pages)).toEqual([]);
  });

  it('reports a tampered entry without hiding the good ones', () => {
    const page = copy(build()[0]);
    const bytes = Buffer.from(page.entries[1].content, 'base64');
    bytes[3] ^= 0x40;
    page.entries[1].content = bytes.toString('base64');
    const opened = open(page);
    expect(opened.ok).toBe(false);
    expect(opened.entries.map((e) => e.status)).toEqual(['opened', 'failed']);
    expect(opened.findings).toEqual([
      expect.objectContaining({ ruleId: 'PUSH.ENTRY-DECRYPT', severity: 'error', path: '$.entries[1].content', message: expect.stringContaining('AES-GCM authentication failed') }),
    ]);
  });

  it('warns, but still opens, when the checksum is wrong, absent, base64, or the literal "string"', () => {
    const page = copy(build()[0]);
    page.entries[0].checksum = 'string';
    const opened = open(page);
    expect(opened.ok).toBe(true);
    expect(opened.entries[0].status).toBe('opened');
    expect(opened.findings).toEqual([expect.objectContaining({ ruleId: 'PUSH.ENTRY-CHECKSUM', severity: 'warning', path: '$.entries[0].checksum' })]);
    page.entries[0].checksum = Buffer.from(md5Hex(bundle(1)), 'hex').toString('base64');
    page.entries[1].checksum = md5Hex(bundle(2)).toUpperCase();
    expect(ruleIds(page)).toEqual([]);
    delete (page.entries[0] as Partial<typeof page.entries[0]>).checksum;
    expect(ruleIds(page)).toEqual(['PUSH.ENTRY-CHECKSUM']);
  });

  it('flags content that decrypts to something other than a FHIR Bundle', () => {
    const [page] = build({
      records: [
        { careContextReference: 'CC-1', bundleJson: 'not json' },
        { careContextReference: 'CC-2', bundleJson: JSON.stringify({ resourceType: 'Patient' }) },
      ],
    });
    const opened = open(page);
    expect(opened.findings.map((f) => [f.ruleId, f.path])).toEqual([
      ['PUSH.ENTRY-JSON', '$.entries[0].content'],
      ['PUSH.ENTRY-BUNDLE', '$.entries[1].content'],
    ]);
    expect(opened.findings[1].message).toContain('resourceType "Patient"');
  });

  it('checks the transactionId against the request, when the request is known', () => {
    const page = build()[0];
    expect(open(page, { expectedTransactionId: 'another' }).findings.map((f) => f.ruleId)).toEqual(['PUSH.TRANSACTION-ID']);
    expect(open(page, { expectedTransactionId: undefined }).ok).toBe(true);
    expect(ruleIds({ ...copy(page), transactionId: '' })).toEqual(['PUSH.TRANSACTION-ID']);
  });

  it('refuses a HIP that echoes the HIU nonce instead of sending its own', () => {
    const [page] = build({ sender: { keyPair: hip.keyPair, nonce: hiu.nonce } });
    expect(ruleIds(page)).toEqual(['PUSH.NONCE-DISTINCT']);
  });

  it('reports HIP key material problems and does not try to decrypt with unusable keys', () => {
    const page = copy(build()[0]);
    page.keyMaterial.dhPublicKey.keyValue = page.keyMaterial.dhPublicKey.keyValue.slice(8);
    page.keyMaterial.curve = 'curve25519'; // accepted: any letter case
    const opened = open(page);
    expect(opened.findings.map((f) => [f.ruleId, f.path])).toEqual([
      ['KEYMAT.PUBLIC-KEY', '$.keyMaterial.dhPublicKey.keyValue'],
      ['PUSH.ENTRY-DECRYPT', '$.entries[0].content'],
      ['PUSH.ENTRY-DECRYPT', '$.entries[1].content'],
    ]);
    const expired = open(build()[0], { now: Date.parse(EXPIRY) });
    expect(expired.findings.map((f) => f.ruleId)).toEqual(['KEYMAT.EXPIRED']);
    expect(expired.entries.every((e) => e.status === 'opened')).toBe(true);
    const missing = copy(build()[0]) as Partial<DataPushPage>;
    delete missing.keyMaterial;
    expect(ruleIds(missing)).toEqual(['KEYMAT.PRESENT', 'PUSH.ENTRY-DECRYPT', 'PUSH.ENTRY-DECRYPT']);
  });

  it('checks page numbers and the shape of the body and its entries', () => {
    const page = copy(build()[0]);
    expect(ruleIds({ ...page, pageNumber: 5, pageCount: 3 })).toEqual(['PUSH.PAGE-NUMBERS']);
    expect(ruleIds({ ...page, pageNumber: '0', pageCount: 0 })).toEqual(['PUSH.PAGE-NUMBERS', 'PUSH.PAGE-NUMBERS']);
    expect(ruleIds({ ...page, entries: undefined })).toEqual(['PUSH.SHAPE']);
    expect(ruleIds([page])).toEqual(['PUSH.SHAPE']);
    const odd = copy(page) as unknown as { entries: Array<Record<string, unknown>> };
    odd.entries[0] = { ...odd.entries[0], media: 'application/json', careContextReference: undefined };
    odd.entries[1] = { link: 'https://hip.example/files/1', media: 'application/fhir+json', checksum: 'x', careContextReference: 'CC-2' };
    const opened = open(odd);
    expect(opened.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['PUSH.SHAPE', 'error'],
      ['PUSH.ENTRY-MEDIA', 'warning'],
      ['PUSH.ENTRY-LINK', 'warning'],
    ]);
    expect(opened.entries.map((e) => e.status)).toEqual(['failed', 'not-fetched']);
  });

  it('throws when the receiver\'s own key or nonce is unusable (a configuration error, not a finding)', () => {
    const page = build()[0];
    expect(() => open(page, { receiverNonce: 'AAAA' })).toThrow(expect.objectContaining({ reason: 'nonce-length' }));
    expect(() => open(page, { receiverPrivateKey: hiu.keyPair.publicKey })).toThrow(expect.objectContaining({ reason: 'bad-key-encoding' }));
  });
});
