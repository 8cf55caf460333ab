// HIU.DATA: asking for the data of an artefact (spec §6.5 [OBS], §6.6, §8.1, §12.3 #3–4). After the patient's
// grant and the HIU's fetch, the runner prompts the HIU to ask for the data. Its request must use the artefact's
// dateRange (the patient may have narrowed it) and usable, fresh Fidelius key material: ECDH on Curve25519, a
// public key on the curve, a 32-byte nonce, an expiry in the future, never a key or nonce of an earlier request.
import { checkKeyMaterial } from '../../../protocol/health-information/key-material-check.js';
import type { SandboxEvent } from '../../../sandbox-server/events/event-bus.js';
import type { Exchange } from '../../../sandbox-server/journal/exchange.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { castHiuPatient } from './hiu-patients.js';
import { askForData, assertRequested, fetchedAll, granted, preparePatient, type DataAsked } from './hiu-steps.js';
import { m3TestsWith } from './m3-test.js';

const test = m3TestsWith({ spec: ['abdm-api.md §6.6', 'abdm-api.md §8.1', 'abdm-api.md §12.3 #4'], nhaTestCases: ['HIU_FLOW_106'], tags: ['data-transfer'] });

const DAY_MS = 86_400_000;

/** The key and nonce a request sent. */
function keysOf(d: DataAsked): { keyValue?: string; nonce?: string } {
  const km = d.body?.hiRequest?.keyMaterial;
  return { keyValue: km?.dhPublicKey?.keyValue, nonce: km?.nonce };
}

export const hiuDataRequestGroup = defineGroup('HIU.DATA', 'Health-information requests', [
  test({
    id: 'HIU.DATA.01',
    title: "Asks for the data with the artefact's dateRange, which the patient narrowed",
    description:
      "The patient approves only the most recent part of the requested dates. The HIU's health-information request asks for a dateRange inside the artefact's permission.dateRange (not the range of its own consent request, which the consent manager refuses with ABDM-1063).",
    level: 'MUST',
    spec: ['abdm-api.md §6.5', 'abdm-api.md §6.6', 'abdm-api.md §7', 'abdm-api.md §12.3 #3'],
    async run(ctx: TestContext) {
      const hp = await castHiuPatient(ctx);
      const latest = Math.max(...hp.careContexts.map((c) => Date.parse(c.date)));
      const narrowed = { from: new Date(latest - DAY_MS).toISOString(), to: new Date(ctx.now()).toISOString() };
      await preparePatient(ctx, hp, { policy: { decision: 'approve', dateRange: narrowed } });
      const { asked, artefacts } = await granted(ctx, hp);
      const decided = ctx.events('consent.decided', { correlation: asked.consentRequestId, where: (e) => e.data.status === 'GRANTED' })[0];
      const range = (decided?.data.dateRange as { from: string; to: string } | undefined) ?? narrowed;
      ctx.info(`The patient granted ${range.from} … ${range.to} only`, decided ? [decided] : undefined);
      await fetchedAll(ctx, artefacts);
      const d = await askForData(ctx, artefacts[0]);
      ctx.checkFindings([d.requested], { ruleIds: ['HIU-HI-RANGE', 'HIU-HI-CONSENT-STATE', 'HIU-CONSENT-FETCH'] });
      const asks = d.body?.hiRequest?.dateRange;
      const inside = asks?.from !== undefined && asks.to !== undefined && Date.parse(asks.from) >= Date.parse(range.from) && Date.parse(asks.to) <= Date.parse(range.to);
      ctx.check('HIU-HI-RANGE', inside, `The HIU asked for ${asks?.from} … ${asks?.to}; the artefact allows ${range.from} … ${range.to}`, d.call ? [d.requested, d.call] : d.requested);
      assertRequested(ctx, d);
    },
  }),
  test({
    id: 'HIU.DATA.02',
    title: 'Sends usable key material: ECDH, Curve25519, a public key on the curve, a 32-byte nonce, a future expiry',
    description:
      "The HIU's keyMaterial is what a HIP can encrypt for: cryptoAlg ECDH, curve Curve25519, dhPublicKey.keyValue a point on the curve (raw or X.509), a nonce of 32 random bytes (base64), an expiry in the future. The consent manager refuses anything else (ABDM-1031).",
    level: 'MUST',
    spec: ['abdm-api.md §6.6', 'abdm-api.md §8.1', 'abdm-api.md §12.3 #4', 'fhir-data-crypto.md §3.3'],
    async run(ctx: TestContext) {
      const hp = await castHiuPatient(ctx);
      await preparePatient(ctx, hp);
      const { artefacts } = await granted(ctx, hp);
      await fetchedAll(ctx, artefacts);
      const d = await askForData(ctx, artefacts[0]);
      ctx.checkFindings([d.requested], { ruleIds: ['HIU-HI-KEY-MATERIAL'] });
      const check = checkKeyMaterial(d.body?.hiRequest?.keyMaterial, { now: ctx.now(), path: '$.hiRequest.keyMaterial', owner: 'the HIU' });
      const errors = check.findings.filter((f) => f.severity === 'error');
      for (const f of check.findings.filter((x) => x.severity !== 'error')) ctx.warn(`${f.path}: ${f.message}`, d.call);
      ctx.check('HIU-HI-KEY-MATERIAL', errors.length === 0, errors.length === 0 ? 'The key material is usable: ECDH, Curve25519, a public key on the curve, a 32-byte nonce, a future expiry' : errors.map((f) => `${f.path}: ${f.message}`).join('; '), d.call ?? d.requested);
      assertRequested(ctx, d);
    },
  }),
  test({
    id: 'HIU.DATA.03',
    title: 'Makes fresh key material for every request',
    description: "The patient's records are at two HIPs, so the grant makes two artefacts; the HIU asks for the data of each. No request reuses the public key or the nonce of another: a reused key pair lets one transfer's data be read with another's secrets.",
    level: 'MUST',
    async run(ctx: TestContext) {
      const hp = await castHiuPatient(ctx);
      await preparePatient(ctx, hp);
      const { artefacts } = await granted(ctx, hp);
      await fetchedAll(ctx, artefacts);
      const requests: DataAsked[] = [];
      for (const consentId of artefacts.slice(0, 2)) requests.push(await askForData(ctx, consentId));
      ctx.checkFindings(requests.map((r) => r.requested), { ruleIds: ['HIU-KEY-REUSED'] });
      const keys = requests.map(keysOf);
      ctx.assert('setup-key-material', keys.every((k) => k.keyValue && k.nonce), `Setup: every request must carry keyMaterial with a keyValue and a nonce: ${JSON.stringify(keys)}`, requests.map((r) => r.requested));
      const distinctKeys = new Set(keys.map((k) => k.keyValue)).size;
      const distinctNonces = new Set(keys.map((k) => k.nonce)).size;
      const fresh = distinctKeys === keys.length && distinctNonces === keys.length;
      ctx.check(
        'HIU-KEY-REUSED',
        fresh,
        fresh ? `${keys.length} requests, ${keys.length} different public keys and nonces` : `${keys.length} requests carried ${distinctKeys} different public key(s) and ${distinctNonces} different nonce(s); make a fresh key pair and nonce for every request`,
        requests.map((r): Exchange | SandboxEvent => r.call ?? r.requested),
      );
    },
  }),
]);
