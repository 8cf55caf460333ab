// Bridge registration (spec §3.5): one callback URL per client, last writer wins, and the services on it.
import { errors } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import type { SandboxContext } from '../context.js';
import type { PartnerClient, PartnerService } from '../store/partner-repository.js';

/** Sets the client's bridge URL; returns advice where the live sandbox would behave differently. */
export function setBridgeUrl(ctx: SandboxContext, client: PartnerClient, url: string): Finding[] {
  const findings = adviceFor(url);
  const previous = client.bridgeUrl;
  // Re-registering the same URL (partners often do it on every start) changes nothing worth a write.
  if (previous === url) return findings;
  ctx.store.partners.setBridgeUrl(client.clientId, url, new Date(ctx.clock.now()).toISOString());
  ctx.events.emit('bridge.updated', { clientId: client.clientId, url, previous }, { correlation: [client.clientId], findings });
  return findings;
}

function adviceFor(url: string): Finding[] {
  const findings: Finding[] = [];
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') {
    findings.push({ ruleId: 'bridge-url-https', severity: 'warning', path: 'body.url', message: 'The live sandbox needs an SSL-certified domain; http works only here' });
  }
  if (parsed.port || /^\d{1,3}(\.\d{1,3}){3}$/.test(parsed.hostname) || parsed.hostname.startsWith('[')) {
    findings.push({ ruleId: 'bridge-url-host', severity: 'warning', path: 'body.url', message: 'The live sandbox accepts no IP addresses or port numbers in the bridge URL' });
  }
  if (/\/api\/v3\/?$|\/v0\.5\/?$/.test(parsed.pathname)) {
    findings.push({ ruleId: 'bridge-url-path', severity: 'warning', path: 'body.url', message: `The gateway appends /api/v3/... itself; with this URL callbacks would go to ${parsed.pathname.replace(/\/$/, '')}/api/v3/...` });
  }
  return findings;
}

/** `GET /gateway/v3/bridge-services`: the caller's bridge and its services. */
export function bridgeServices(client: PartnerClient) {
  return {
    bridge: { id: client.clientId, name: client.clientId, url: client.bridgeUrl ?? null, active: true, blocklisted: false },
    services: client.services.map((s) => ({ id: s.serviceId, name: s.name, types: [s.role.toUpperCase()], endpoints: null, active: s.active })),
  };
}

/** `GET /gateway/v3/bridge-service/serviceId/{id}`; the live gateway returns `endpoints: {}` (spec §3.5 [OBS]). */
export function bridgeService(ctx: SandboxContext, serviceId: string) {
  const service: PartnerService | undefined = ctx.partners.service(serviceId);
  if (!service) throw errors.noDataFound(`no service ${serviceId} is registered on any bridge in this sandbox`);
  return {
    id: service.seq,
    bridgeId: service.clientId,
    serviceId: service.serviceId,
    name: service.name,
    isHip: service.role === 'hip',
    isHiu: service.role === 'hiu',
    isHealthLocker: false,
    isPhr: false,
    active: service.active,
    registerTime: service.createdAt,
    dateCreated: service.createdAt,
    dateModified: service.updatedAt,
    endpoints: {},
  };
}
