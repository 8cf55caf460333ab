// A minimal partner client for tests: fills in the standard headers (fresh REQUEST-ID, current TIMESTAMP,
// X-CM-ID) unless a test overrides or removes them, and gets sessions for registered clients.
import { randomUUID } from 'node:crypto';

export interface CallOptions {
  token?: string;
  /** Header values to send; `null` removes a default header. */
  headers?: Record<string, string | null>;
  body?: unknown;
  /** Send this text as the body verbatim (for malformed JSON). */
  rawBody?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export class GatewayClient {
  constructor(readonly baseUrl: string) {}

  async call(method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
    const headers: Record<string, string> = {
      'REQUEST-ID': randomUUID(),
      TIMESTAMP: new Date().toISOString(),
      'X-CM-ID': 'sbx',
    };
    if (options.body !== undefined || options.rawBody !== undefined) headers['Content-Type'] = 'application/json';
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      const existing = Object.keys(headers).find((h) => h.toLowerCase() === name.toLowerCase());
      if (existing) delete headers[existing];
      if (value !== null) headers[name] = value;
    }
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  async token(clientId: string, clientSecret: string): Promise<string> {
    const r = await this.call('POST', '/api/hiecm/gateway/v3/sessions', { body: { clientId, clientSecret, grantType: 'client_credentials' } });
    if (r.status !== 200) throw new Error(`session for ${clientId} failed: ${r.status} ${r.text}`);
    return r.json.accessToken as string;
  }
}
