// The ABHA card and QR code are real images: decoded here, the card has the expected size, its QR code's modules
// are exactly those `qrcode` builds for the card's payload (the ABHA QR JSON), and different people get different
// cards. The QR endpoint's image decodes the same way.
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAbhaNumber } from '../../protocol/ids/abha-number.js';
import { syntheticAadhaar } from '../../protocol/ids/synthetic-aadhaar.js';
import { abhaAccountByNumber } from '../../sandbox-server/abha/account-lookup.js';
import { abhaQrPayload } from '../../sandbox-server/abha/abha-responses.js';
import { cardQrPlacement } from '../../sandbox-server/abha/card/abha-card.js';
import { startAbhaSandbox, type AbhaTestSandbox } from '../support/abha-client.js';

let t: AbhaTestSandbox;
beforeAll(async () => {
  t = await startAbhaSandbox();
});
afterAll(() => t.close());

function isDark(png: PNG, x: number, y: number): boolean {
  const i = (Math.floor(y) * png.width + Math.floor(x)) * 4;
  return png.data[i] + png.data[i + 1] + png.data[i + 2] < 3 * 128;
}

/** Samples the centre of every module of a QR code drawn at (x, y) with `moduleSize` pixels and a `quiet` border. */
function readModules(png: PNG, x: number, y: number, moduleSize: number, quiet: number, size: number): boolean[][] {
  return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => isDark(png, x + (quiet + c + 0.5) * moduleSize, y + (quiet + r + 0.5) * moduleSize)));
}

function expectedModules(payload: string): boolean[][] {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  return Array.from({ length: qr.modules.size }, (_, r) => Array.from({ length: qr.modules.size }, (_, c) => qr.modules.get(r, c) === 1));
}

async function login(index: number): Promise<string> {
  return (await t.abha.loginByAadhaar(syntheticAadhaar(index))).json.token as string;
}

describe('the ABHA card', () => {
  it('is a 720×440 PNG whose QR code carries the ABHA QR payload of the card holder', async () => {
    const xToken = await login(40);
    const r = await t.abha.call('GET', '/abha/api/v3/profile/account/abha-card', { xToken });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(r.bytes);
    expect([png.width, png.height]).toEqual([720, 440]);

    const patient = t.running.sandbox.ctx.world.patient(40);
    const account = abhaAccountByNumber(t.running.sandbox.ctx, patient.abhaNumber)!;
    const payload = abhaQrPayload(account, account.preferredAbhaAddress);
    expect(JSON.parse(payload)).toMatchObject({ hidn: formatAbhaNumber(patient.abhaNumber), hid: patient.abhaAddress, name: patient.name.full, gender: patient.gender, statelgd: patient.address.stateCode, distlgd: patient.address.districtCode });
    const place = cardQrPlacement(payload);
    expect(readModules(png, place.x, place.y, place.moduleSize, place.quiet, place.modules)).toEqual(expectedModules(payload));
  });

  it('differs between two people where the name is printed, and is offered as a file to download', async () => {
    const a = PNG.sync.read((await t.abha.call('GET', '/abha/api/v3/profile/account/abha-card', { xToken: await login(41) })).bytes);
    const download = await t.abha.call('GET', '/abha/api/v3/profile/account/download-abha-card', { xToken: await login(42) });
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="abha-card-91\d{12}\.png"$/);
    const b = PNG.sync.read(download.bytes);
    // The name line sits at x ≥ 150, y 100–116 (CardContent layout): its pixels differ between the two cards.
    let differing = 0;
    for (let y = 100; y < 116; y++) for (let x = 150; x < 450; x++) if (isDark(a, x, y) !== isDark(b, x, y)) differing++;
    expect(differing).toBeGreaterThan(50);
  });
});

describe('the ABHA QR code', () => {
  it('is a PNG of the same payload, six pixels a module with a four-module quiet zone', async () => {
    const xToken = await login(43);
    const r = await t.abha.call('GET', '/abha/api/v3/profile/account/qrCode', { xToken });
    expect(r.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(r.bytes);
    const patient = t.running.sandbox.ctx.world.patient(43);
    const account = abhaAccountByNumber(t.running.sandbox.ctx, patient.abhaNumber)!;
    const expected = expectedModules(abhaQrPayload(account, account.preferredAbhaAddress));
    expect(png.width).toBe((expected.length + 8) * 6);
    expect(readModules(png, 0, 0, 6, 4, expected.length)).toEqual(expected);
  });

  it('is refused without an X-token, in ABHA’s shape', async () => {
    const r = await t.abha.call('GET', '/abha/api/v3/profile/account/qrCode');
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/^Invalid X-token: X-token header is missing/);
  });
});
