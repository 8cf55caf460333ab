import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../protocol/clock.js';
import { createWorld } from '../../fixtures/world/world.js';
import { createSandbox, type Sandbox } from '../sandbox.js';
import { LinkTokenService } from './link-token-service.js';

const clock = new ManualClock(Date.parse('2026-01-15T00:00:00.000Z'));
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ inMemory: true, clock, world: createWorld({ seed: 1, population: 1000, facilityCount: 50, professionalCount: 50 }) });
});
afterAll(() => sandbox.close());

describe('link tokens', () => {
  it('verify until six months after issue, then say they expired', async () => {
    const service = new LinkTokenService(sandbox.ctx);
    const issued = await service.issue({ abhaNumber: '91000000000000', abhaAddress: 'a.b@sbx', hipId: 'IN0000000001' });
    expect(new Date(issued.expiresAt).toISOString()).toBe('2026-07-15T00:00:00.000Z');
    expect(await service.verify(issued.token)).toMatchObject({ ok: true, claims: { abhaAddress: 'a.b@sbx', hipId: 'IN0000000001', abhaNumber: '91000000000000' } });
    clock.set('2026-07-15T00:00:01.000Z');
    const later = await service.verify(issued.token);
    expect(later).toMatchObject({ ok: false });
    expect((later as { reason: string }).reason).toContain('expired at 2026-07-15T00:00:00.000Z');
    clock.set('2026-01-15T00:00:00.000Z');
  });

  it('refuse a session token, a token signed with another key and garbage, each with its reason', async () => {
    const service = new LinkTokenService(sandbox.ctx);
    const session = await sandbox.ctx.tokens.issueSession('SBX_DEMO_HIP', ['hip']);
    expect(await service.verify(session.accessToken)).toMatchObject({ ok: false, reason: expect.stringContaining('not a link token') });
    const { generateKeyPair } = await import('node:crypto');
    const other = await new Promise<import('node:crypto').KeyObject>((resolve, reject) => generateKeyPair('rsa', { modulusLength: 2048 }, (err, _pub, priv) => (err ? reject(err) : resolve(priv))));
    const forged = await new SignJWT({ typ: 'LinkToken', abhaAddress: 'a.b@sbx', hipId: 'X', abhaNumber: '1' })
      .setProtectedHeader({ alg: 'RS256', kid: sandbox.ctx.keys.signing.kid })
      .setIssuer(sandbox.ctx.tokens.issuer)
      .setExpirationTime('1y')
      .sign(other);
    expect(await service.verify(forged)).toMatchObject({ ok: false, reason: expect.stringContaining('does not verify') });
    expect(await service.verify('not-a-jwt')).toMatchObject({ ok: false, reason: expect.stringContaining('not a JWT') });
  });
});
