// A small ABHA client for the M1 end-to-end tests, written the way a partner would: it fetches the published
// certificates, encrypts inputs with RSA-OAEP SHA-1 (node:crypto), and sends the v3 headers. A clock offset lets
// a test move time forward (OTP resend and expiry) while its TIMESTAMP headers follow the sandbox's clock.
import { constants, createPublicKey, publicEncrypt, randomUUID, type KeyObject } from 'node:crypto';
import { OffsetClock } from '../../protocol/clock.js';
import { DEMO_HIP } from '../../sandbox-server/partners/demo-partners.js';
import { serveSandbox, type RunningSandbox, type ServeOptions } from '../../sandbox-server/http/server.js';
import { SMALL_WORLD } from './test-sandbox.js';

export { OffsetClock };

export interface AbhaResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
  bytes: Buffer;
}

export interface AbhaCallOptions {
  body?: unknown;
  /** Headers to add; `null` removes a default one. */
  headers?: Record<string, string | null>;
  /** Sent as `X-token: Bearer <token>` unless `headers` says otherwise. */
  xToken?: string;
}

export type Padding = 'oaep-sha1' | 'oaep-sha256' | 'pkcs1';

export class AbhaTestClient {
  private keys = new Map<string, KeyObject>();
  gatewayToken = '';

  constructor(
    readonly baseUrl: string,
    readonly clock: OffsetClock,
  ) {}

  async call(method: string, path: string, options: AbhaCallOptions = {}): Promise<AbhaResult> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.gatewayToken}`,
      'REQUEST-ID': randomUUID(),
      TIMESTAMP: new Date(this.clock.now()).toISOString(),
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.xToken) headers['X-token'] = `Bearer ${options.xToken}`;
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      const existing = Object.keys(headers).find((h) => h.toLowerCase() === name.toLowerCase());
      if (existing) delete headers[existing];
      if (value !== null) headers[name] = value;
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json, bytes };
  }

  /** A fresh gateway session for the demo HIP (needed again after the clock moves past 20 minutes). */
  async login(): Promise<void> {
    const r = await fetch(`${this.baseUrl}/api/hiecm/gateway/v3/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'request-id': randomUUID(), timestamp: new Date(this.clock.now()).toISOString(), 'x-cm-id': 'sbx' },
      body: JSON.stringify({ clientId: DEMO_HIP.clientId, clientSecret: DEMO_HIP.clientSecret, grantType: 'client_credentials' }),
    });
    this.gatewayToken = ((await r.json()) as { accessToken: string }).accessToken;
  }

  /** The published key behind a certificate path, as a partner loads it (bare base64 DER SPKI). */
  async publicKey(which: 'profile' | 'phr'): Promise<KeyObject> {
    let key = this.keys.get(which);
    if (!key) {
      const path = which === 'profile' ? '/abha/api/v3/profile/public/certificate' : '/abha/api/v3/phr/app/login/public/certificate';
      const r = await this.call('GET', path);
      if (r.status !== 200) throw new Error(`certificate ${path}: ${r.status} ${r.text}`);
      key = createPublicKey({ key: Buffer.from(r.json.publicKey, 'base64'), format: 'der', type: 'spki' });
      this.keys.set(which, key);
    }
    return key;
  }

  async encrypt(text: string, which: 'profile' | 'phr' = 'profile', padding: Padding = 'oaep-sha1'): Promise<string> {
    const key = await this.publicKey(which);
    const options =
      padding === 'pkcs1'
        ? { key, padding: constants.RSA_PKCS1_PADDING }
        : { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: padding === 'oaep-sha256' ? 'sha256' : 'sha1' };
    return publicEncrypt(options, Buffer.from(text)).toString('base64');
  }

  /** The OTP of a transaction, read where a tester reads it: GET /sandbox/otp. */
  async otp(txnId: string): Promise<string> {
    const r = await fetch(`${this.baseUrl}/sandbox/otp?txnId=${encodeURIComponent(txnId)}`);
    const body = (await r.json()) as { otp: string };
    return body.otp;
  }

  /** Enrolment steps 1–2 for an Aadhaar: OTP request, read, byAadhaar with `mobile`. */
  async enrol(aadhaar: string, mobile: string): Promise<{ txnId: string; result: AbhaResult }> {
    const otpRequest = await this.call('POST', '/abha/api/v3/enrollment/request/otp', {
      body: { txnId: '', scope: ['abha-enrol'], loginHint: 'aadhaar', loginId: await this.encrypt(aadhaar), otpSystem: 'aadhaar' },
    });
    if (otpRequest.status !== 200) throw new Error(`request/otp: ${otpRequest.status} ${otpRequest.text}`);
    const txnId = otpRequest.json.txnId as string;
    const result = await this.byAadhaar(txnId, await this.otp(txnId), mobile);
    return { txnId, result };
  }

  async byAadhaar(txnId: string, otp: string, mobile: string): Promise<AbhaResult> {
    return this.call('POST', '/abha/api/v3/enrollment/enrol/byAadhaar', {
      body: {
        authData: { authMethods: ['otp'], otp: { timeStamp: new Date(this.clock.now()).toISOString(), txnId, otpValue: await this.encrypt(otp), mobile } },
        consent: { code: 'abha-enrollment', version: '1.4' },
      },
    });
  }

  /** Login by Aadhaar OTP: request, read, verify. */
  async loginByAadhaar(aadhaar: string): Promise<AbhaResult> {
    const scope = ['abha-login', 'aadhaar-verify'];
    const r = await this.call('POST', '/abha/api/v3/profile/login/request/otp', { body: { scope, loginHint: 'aadhaar', loginId: await this.encrypt(aadhaar), otpSystem: 'aadhaar' } });
    if (r.status !== 200) throw new Error(`login request/otp: ${r.status} ${r.text}`);
    return this.verifyLogin(scope, r.json.txnId);
  }

  async verifyLogin(scope: string[], txnId: string, otp?: string): Promise<AbhaResult> {
    return this.call('POST', '/abha/api/v3/profile/login/verify', {
      body: { scope, authData: { authMethods: ['otp'], otp: { txnId, otpValue: await this.encrypt(otp ?? (await this.otp(txnId))) } } },
    });
  }
}

export interface AbhaTestSandbox {
  running: RunningSandbox;
  abha: AbhaTestClient;
  clock: OffsetClock;
  close(): Promise<void>;
}

/** A sandbox over HTTP for an M1 test file, with a movable clock and a logged-in ABHA client. */
export async function startAbhaSandbox(options: ServeOptions = {}): Promise<AbhaTestSandbox> {
  const clock = new OffsetClock();
  const running = await serveSandbox({ port: 0, host: '127.0.0.1', inMemory: true, ...SMALL_WORLD, clock, ...options });
  const abha = new AbhaTestClient(running.url, clock);
  await abha.login();
  return { running, abha, clock, close: () => running.close() };
}
