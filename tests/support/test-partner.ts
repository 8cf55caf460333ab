// A small, configurable partner (HIP or HIU bridge) for exercising the conformance runner. It does what the
// gateway-core tests grade: gets a session (and refreshes it), registers its bridge URL, verifies every gateway
// call's JWT against the JWKS, deduplicates REQUEST-IDs, and answers the probes (a HIP answers hip.discover with
// an error on-discover; an HIU acknowledges a consent notify). Each `bugs` switch breaks exactly one rule.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

export interface TestPartnerOptions {
  role: 'hip' | 'hiu';
  gatewayUrl: string;
  clientId: string;
  clientSecret: string;
  serviceId: string;
  bugs?: TestPartnerBugs;
  /** How long to keep trying to reach the gateway (it may start after the partner). */
  connectTimeoutMs?: number;
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
    return fetch(`${this.options.gatewayUrl}${path}`, { method, headers, body: JSON.stringify(body) });
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
      res.writeHead(status, { 'content-type': 'application/json' }).end(refusal ? JSON.stringify({ error: { code: 'UNAUTHORIZED', message: refusal } }) : undefined);
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
      await this.call('POST', '/api/hiecm/user-initiated-linking/v3/patient/care-context/on-discover', {
        transactionId: body.transactionId,
        error: { code: 'ABDM-1010', message: 'Patient not found' },
        response: { requestId },
      }, { answer: true });
    } else if (path === HIU_CONSENT_NOTIFY) {
      await this.call('POST', '/api/hiecm/consent/v3/request/hiu/on-notify', { acknowledgement: [], response: { requestId } }, { answer: true });
    }
  }
}
