// A small, configurable partner (HIP or HIU bridge) for exercising the conformance runner. It does what the
// gateway-core tests grade: gets a session (and refreshes it), registers its bridge URL, verifies every gateway
// call's JWT against the JWKS, deduplicates REQUEST-IDs, and answers the probes (a HIP answers hip.discover with
// an error on-discover; an HIU acknowledges a consent notify). Each `bugs` switch breaks exactly one rule. A
// `hostile` partner also puts script-running markup into everything it sends, to test that reports never run it.
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { CALLBACKS } from '../../protocol/operations/table.js';

export interface TestPartnerBugs {
  /** Accepts any Authorization header: never verifies the gateway's JWT. */
  skipsJwtVerification?: boolean;
  /** Verifies the signature but allows a day of clock skew, so an expired token passes. */
  acceptsExpiredTokens?: boolean;
  /** Acts on every delivery, duplicates included. */
  noDeduplication?: boolean;
  /** Makes one REQUEST-ID at start-up and sends it on every call. */
  fixedRequestId?: boolean;
  /** Leaves X-CM-ID out of its answers (on-*), as a separate HTTP client for callbacks might. */
  omitsCmIdOnAnswers?: boolean;
  /** Sends TIMESTAMP as IST with an offset and no milliseconds: accepted, but not the ABDM form. */
  timestampWithOffset?: boolean;
}

/**
 * Markup that runs script, or breaks out of a <style> or <script> element, if a report ever renders it as HTML: each
 * piece sets `window.__pwned` (and a dialog would open for alert), so a browser test can tell.
 */
export const HOSTILE_PAYLOAD =
  `</style></script><script>window.__pwned='script';alert(1)</script><img src=x onerror="window.__pwned='onerror'">` +
  `<a href="javascript:window.__pwned='href'">click</a><svg onload="window.__pwned='svg'"></svg>`;

/** The same for a URL's query, which allows no spaces. */
export const HOSTILE_QUERY = `note=</style><script>window.__pwned='url'</script><img/src=x/onerror="window.__pwned='url-onerror'">`;

/** Body fields the protocol needs intact for the run to grade anything (credentials, ids, the bridge URL). */
const HOSTILE_KEEPS = new Set(['clientId', 'clientSecret', 'grantType', 'url', 'requestId', 'transactionId', 'code']);

/** Every other string gets the payload appended, and every object a `hostileNote` field holding it. */
function hostileBody(value: unknown, key?: string): unknown {
  if (typeof value === 'string') return key && HOSTILE_KEEPS.has(key) ? value : `${value} ${HOSTILE_PAYLOAD}`;
  if (Array.isArray(value)) return value.map((item) => hostileBody(item));
  if (value && typeof value === 'object') {
    return { ...Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostileBody(v, k)])), hostileNote: HOSTILE_PAYLOAD };
  }
  return value;
}

export interface TestPartnerOptions {
  role: 'hip' | 'hiu';
  gatewayUrl: string;
  clientId: string;
  clientSecret: string;
  serviceId: string;
  bugs?: TestPartnerBugs;
  /** How long to keep trying to reach the gateway (it may start after the partner). */
  connectTimeoutMs?: number;
  /**
   * Puts HOSTILE_PAYLOAD into every string it sends (but the ids and credentials the protocol needs), into extra
   * headers (X-Hostile-Note, User-Agent) of its calls and its answers, and sends one stray answer with HOSTILE_QUERY.
   */
  hostile?: boolean;
}

export interface BridgeCall {
  path: string;
  requestId: string;
  /** HTTP status the bridge answered. */
  status: number;
  /** Why it was refused, if it was. */
  refusal?: string;
}

/** Leeway on `exp`: a redelivery comes ~16 minutes later with the same token (spec §2.2). */
const EXPIRY_LEEWAY_SECONDS = 15 * 60;

const HIP_DISCOVER = '/api/v3/hip/patient/care-context/discover';
const HIU_CONSENT_NOTIFY = '/api/v3/hiu/consent/request/notify';
/** Where each role answers the probe it gets. */
const ANSWER_PATHS = { hip: '/api/hiecm/user-initiated-linking/v3/patient/care-context/on-discover', hiu: '/api/hiecm/consent/v3/request/hiu/on-notify' } as const;

export class TestPartner {
  readonly calls: BridgeCall[] = [];
  /** Resolves once the partner has a session, knows the JWKS and has registered its bridge URL. */
  readonly ready: Promise<void>;
  private token = '';
  private issuer = '';
  private jwks!: JWTVerifyGetKey;
  private readonly seen = new Set<string>();
  private readonly fixedRequestId = randomUUID();
  private refreshTimer?: NodeJS.Timeout;
  private readonly pending = new Set<Promise<unknown>>();
  private stopped = false;

  private constructor(
    private readonly options: TestPartnerOptions,
    private readonly server: Server,
    readonly url: string,
  ) {
    this.ready = this.connect();
    // A test that never awaits `ready` must not see an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  /** Starts the bridge at once; connecting to the gateway goes on in the background (see `ready`). */
  static async start(options: TestPartnerOptions): Promise<TestPartner> {
    let partner!: TestPartner;
    const server = createServer((req, res) => void partner.onRequest(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    partner = new TestPartner(options, server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return partner;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.refreshTimer);
    await Promise.allSettled([...this.pending]);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private get bugs(): TestPartnerBugs {
    return this.options.bugs ?? {};
  }

  private async connect(): Promise<void> {
    const deadline = Date.now() + (this.options.connectTimeoutMs ?? 30_000);
    for (;;) {
      try {
        await this.newSession();
        break;
      } catch (err) {
        if (this.stopped || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const realm = await (await fetch(`${this.options.gatewayUrl}/auth/realms/central-registry/.well-known/openid-configuration`)).json() as { issuer: string };
    this.issuer = realm.issuer;
    this.jwks = createRemoteJWKSet(new URL(`${this.options.gatewayUrl}/gateway/v0.5/certs`));
    const r = await this.call('PATCH', '/api/hiecm/gateway/v3/bridge/url', { url: this.url });
    if (r.status !== 202) throw new Error(`bridge registration failed: ${r.status} ${await r.text()}`);
    if (this.options.hostile) await this.hostileStrayAnswer();
  }

  /**
   * An answer to a REQUEST-ID the gateway never sent, so the report lists it as unmatched traffic, at a URL whose query
   * is markup: fetch would percent-encode it, so it goes out raw over node:http.
   */
  private hostileStrayAnswer(): Promise<void> {
    const url = new URL(this.options.gatewayUrl);
    const [path, body] =
      this.options.role === 'hip'
        ? [ANSWER_PATHS.hip, { transactionId: randomUUID(), error: { code: 'ABDM-1010', message: 'Patient not found' }, response: { requestId: randomUUID() } }]
        : [ANSWER_PATHS.hiu, { acknowledgement: [], response: { requestId: randomUUID() } }];
    const headers = {
      ...this.hostileHeaders(),
      'content-type': 'application/json',
      'REQUEST-ID': randomUUID(),
      TIMESTAMP: this.timestamp(),
      'X-CM-ID': 'sbx',
      Authorization: `Bearer ${this.token}`,
      [this.options.role === 'hip' ? 'X-HIP-ID' : 'X-HIU-ID']: this.options.serviceId,
    };
    return new Promise((resolve) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: `${path}?${HOSTILE_QUERY}`, method: 'POST', headers }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', () => resolve());
      req.end(JSON.stringify(hostileBody(body)));
    });
  }

  private hostileHeaders(): Record<string, string> {
    return this.options.hostile ? { 'X-Hostile-Note': HOSTILE_PAYLOAD, 'User-Agent': HOSTILE_PAYLOAD } : {};
  }

  /** Gets a session and schedules the next one a minute before this one expires. */
  private async newSession(): Promise<void> {
    const r = await this.call('POST', '/api/hiecm/gateway/v3/sessions', { clientId: this.options.clientId, clientSecret: this.options.clientSecret, grantType: 'client_credentials' }, { auth: false });
    if (r.status !== 200) throw new Error(`session failed: ${r.status}`);
    const session = (await r.json()) as { accessToken: string; expiresIn: number };
    this.token = session.accessToken;
    this.refreshTimer = setTimeout(() => void this.newSession().catch(() => undefined), Math.max(1, session.expiresIn - 60) * 1000);
    this.refreshTimer.unref();
  }

  private timestamp(): string {
    if (!this.bugs.timestampWithOffset) return new Date().toISOString();
    return new Date(Date.now() + 5.5 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+05:30');
  }

  private async call(method: string, path: string, body: unknown, options: { auth?: boolean; answer?: boolean } = {}): Promise<Response> {
    const headers: Record<string, string> = {
      ...this.hostileHeaders(),
      'content-type': 'application/json',
      'REQUEST-ID': this.bugs.fixedRequestId ? this.fixedRequestId : randomUUID(),
      TIMESTAMP: this.timestamp(),
      'X-CM-ID': 'sbx',
    };
    if (options.auth !== false) headers.Authorization = `Bearer ${this.token}`;
    if (options.answer) {
      headers[this.options.role === 'hip' ? 'X-HIP-ID' : 'X-HIU-ID'] = this.options.serviceId;
      if (this.bugs.omitsCmIdOnAnswers) delete headers['X-CM-ID'];
    }
    return fetch(`${this.options.gatewayUrl}${path}`, { method, headers, body: JSON.stringify(this.options.hostile ? hostileBody(body) : body) });
  }

  private async refusal(req: IncomingMessage): Promise<string | undefined> {
    if (this.bugs.skipsJwtVerification) return undefined;
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m) return 'no Bearer token';
    try {
      await jwtVerify(m[1], this.jwks, { issuer: this.issuer, algorithms: ['RS256'], clockTolerance: this.bugs.acceptsExpiredTokens ? 86_400 : EXPIRY_LEEWAY_SECONDS });
      return undefined;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '';
    const requestId = String(req.headers['request-id'] ?? '');
    const known = CALLBACKS.some((c) => c.path === path && c.targetRole === this.options.role);
    const answer = (status: number, refusal?: string) => {
      this.calls.push({ path, requestId, status, ...(refusal ? { refusal } : {}) });
      const body = refusal ? { error: { code: 'UNAUTHORIZED', message: refusal } } : this.options.hostile ? {} : undefined;
      res.writeHead(status, { 'content-type': 'application/json', ...this.hostileHeaders() }).end(body ? JSON.stringify(this.options.hostile ? hostileBody(body) : body) : undefined);
    };
    if (!known) return answer(404, 'no such path on this bridge');
    const refusal = await this.refusal(req);
    if (refusal) return answer(401, refusal);
    const duplicate = this.seen.has(requestId);
    this.seen.add(requestId);
    answer(202);
    if (duplicate && !this.bugs.noDeduplication) return;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return;
    }
    const work = this.act(path, requestId, body).catch(() => undefined);
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** The partner's answer, after its 202, as a real bridge does. */
  private async act(path: string, requestId: string, body: Record<string, unknown>): Promise<void> {
    if (path === HIP_DISCOVER) {
      await this.call('POST', ANSWER_PATHS.hip, {
        transactionId: body.transactionId,
        error: { code: 'ABDM-1010', message: 'Patient not found' },
        response: { requestId },
      }, { answer: true });
    } else if (path === HIU_CONSENT_NOTIFY) {
      await this.call('POST', ANSWER_PATHS.hiu, { acknowledgement: [], response: { requestId } }, { answer: true });
    }
  }
}
