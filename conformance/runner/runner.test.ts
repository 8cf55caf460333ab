// The runner's semantics with small made-up tests against an in-process sandbox: outcomes, waits and their
// evidence, "expect nothing", scheduling by shared state, budgets, required actions and configuration errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../../fixtures/world/world.js';
import { DEMO_HIP } from '../../sandbox-server/partners/demo-partners.js';
import { createSandbox, type Sandbox } from '../../sandbox-server/sandbox.js';
import { defineGroup, defineSuite, defineTest, type TestDeclaration } from '../dsl/test-definition.js';
import type { TestContext } from '../dsl/test-context.js';
import { InProcessSandboxLink } from '../sandbox-link/in-process-link.js';
import { ConfigError } from './config-error.js';
import { runConformance, type RunOptions } from './runner.js';

let sandbox: Sandbox;
let link: InProcessSandboxLink;
let hipId: string;

beforeAll(async () => {
  sandbox = await createSandbox({ inMemory: true, world: createWorld({ seed: 1, population: 1000, facilityCount: 200, professionalCount: 10 }) });
  link = new InProcessSandboxLink({ sandbox, url: 'http://in-process', actions: new Map([['patient.wave', async () => ({ correlation: ['wave-1'], data: 'waved' })]]) });
  hipId = sandbox.ctx.partners.client(DEMO_HIP.clientId)!.services[0].serviceId;
});
afterAll(async () => {
  await sandbox.close();
});

function t(n: number, run: (ctx: TestContext) => Promise<void>, extra: Partial<TestDeclaration> = {}) {
  return defineTest({ id: `HIP.FAKE.${String(n).padStart(2, '0')}`, title: `Fake test ${n}`, description: 'A test of the runner.', milestone: 'M2', level: 'MUST', spec: ['abdm-api.md §12.2'], run, ...extra });
}

function run(tests: ReturnType<typeof t>[], overrides: Partial<RunOptions> = {}) {
  const suite = defineSuite({ id: 'hip', title: 'Fake HIP suite', role: 'hip', groups: [defineGroup('HIP.FAKE', 'Fakes', tests)] });
  return runConformance({
    link,
    suites: [suite],
    selection: { suites: [], only: [], tags: [] },
    partners: { hip: { serviceId: hipId } },
    seed: 7,
    timeoutMs: 300,
    startupTimeoutMs: 300,
    concurrency: 4,
    ...overrides,
  });
}

const emit = (type: string, correlation: string[], data: Record<string, unknown> = {}) => sandbox.ctx.events.emit(type, data, { correlation });

describe('outcomes', () => {
  it('pass, fail (a failed check), skip, and error (a throw, or grading nothing); a warning does not fail', async () => {
    const { summary } = await run([
      t(1, async (ctx) => void ctx.check('r', true, 'fine')),
      t(2, async (ctx) => {
        ctx.check('r1', false, 'broken rule', [3, 1]);
        ctx.check('r2', true, 'kept going after the failure');
      }),
      t(3, async (ctx) => ctx.skip('not observable in this run')),
      t(4, async () => {
        throw new Error('boom');
      }),
      t(5, async (ctx) => ctx.info('looked, graded nothing')),
      t(6, async (ctx) => void ctx.check('near-miss', false, 'a near miss', [], { severity: 'warning' })),
    ]);
    const by = Object.fromEntries(summary.tests.map((x) => [x.id, x]));
    expect(by['HIP.FAKE.01'].outcome).toBe('pass');
    expect(by['HIP.FAKE.02']).toMatchObject({ outcome: 'fail', summary: 'broken rule', evidence: [1, 3] });
    expect(by['HIP.FAKE.02'].checks).toHaveLength(2);
    expect(by['HIP.FAKE.03']).toMatchObject({ outcome: 'skip', summary: 'not observable in this run' });
    expect(by['HIP.FAKE.04']).toMatchObject({ outcome: 'error', summary: 'the test threw: boom' });
    expect(by['HIP.FAKE.05']).toMatchObject({ outcome: 'error', summary: 'the test recorded no check: it graded nothing' });
    expect(by['HIP.FAKE.06'].outcome).toBe('pass');
    expect(summary.verdict.exitCode).toBe(3);
  });

  it('exit 1 for a failed MUST, 0 when only a SHOULD failed (noted), 1 when nothing was graded', async () => {
    expect((await run([t(1, async (ctx) => void ctx.check('r', false, 'no'))])).summary.verdict).toMatchObject({ exitCode: 1, reasons: ['HIP.FAKE.01 (MUST) failed: no'] });
    const should = await run([t(1, async (ctx) => void ctx.check('r', true, 'ok')), t(2, async (ctx) => void ctx.check('r', false, 'meh'), { level: 'SHOULD' })]);
    expect(should.summary.verdict).toMatchObject({ exitCode: 0, notes: ['HIP.FAKE.02 (SHOULD) failed: meh'] });
    expect((await run([t(1, async (ctx) => ctx.skip('later'))])).summary.verdict).toMatchObject({ exitCode: 1, reasons: ['nothing was graded: every selected test was skipped'] });
  });

  it('a listed expected failure does not fail the run; a listed test that passes does', async () => {
    const tests = [t(1, async (ctx) => void ctx.check('r', false, 'known bug')), t(2, async (ctx) => void ctx.check('r', true, 'fixed'))];
    const expected = await run(tests, { expectedFailures: [{ test: 'HIP.FAKE.01', reason: 'issue #4' }] });
    expect(expected.summary.verdict.exitCode).toBe(0);
    expect(expected.summary.tests[0]).toMatchObject({ outcome: 'fail', expectation: 'expected-failure' });
    const stale = await run(tests, { expectedFailures: [{ test: 'HIP.FAKE.*', reason: 'issue #4' }] });
    expect(stale.summary.verdict.exitCode).toBe(1);
    expect(stale.summary.verdict.reasons[0]).toContain('HIP.FAKE.02 passed but is listed as an expected failure');
  });
});

describe('waiting', () => {
  it('expect finds an event that arrived before the wait began, and one that arrives during it', async () => {
    const { summary } = await run([
      t(1, async (ctx) => {
        emit('thing.done', ['early-1']);
        const e = await ctx.expect('thing.done', { correlation: 'early-1' });
        ctx.check('r', e.correlation.includes('early-1'), 'found');
      }),
      t(2, async (ctx) => {
        setTimeout(() => emit('thing.done', ['late-1'], { n: 2 }), 50);
        const e = await ctx.expect('thing.done', { correlation: ['late-1'], where: (x) => x.data.n === 2, timeoutMs: 2_000 });
        ctx.check('r', true, `got ${e.type}`);
      }),
    ]);
    expect(summary.tests.map((x) => x.outcome)).toEqual(['pass', 'pass']);
  });

  it('an expired expect fails the test and says what did arrive', async () => {
    const { summary } = await run([
      t(1, async (ctx) => {
        emit('thing.started', ['tx-9']);
        await ctx.expect('thing.done', { correlation: 'tx-9', timeoutMs: 100, description: 'answer to tx-9', ruleId: 'answer-arrives' });
        ctx.check('never', true, 'not reached');
      }),
    ]);
    const [test] = summary.tests;
    expect(test.outcome).toBe('fail');
    expect(test.checks).toEqual([expect.objectContaining({ ruleId: 'answer-arrives', passed: false })]);
    expect(test.summary).toBe('No answer to tx-9 within 100 ms. What did arrive: thing.started');
  });

  it('expectNothing passes on silence and fails on the forbidden event, with it as evidence', async () => {
    const { summary } = await run([
      t(1, async (ctx) => void (await ctx.expectNothing('thing.done', { correlation: 'quiet-1', forMs: 100 }))),
      t(2, async (ctx) => {
        setTimeout(() => sandbox.ctx.events.emit('thing.done', {}, { correlation: ['noisy-1'], exchangeId: 42 }), 20);
        const got = await ctx.expectNothing('thing.done', { correlation: 'noisy-1', forMs: 1_000, ruleId: 'must-not-act' });
        ctx.check('returns-it', got?.exchangeId === 42, 'returned the offending event');
      }),
    ]);
    expect(summary.tests[0].outcome).toBe('pass');
    expect(summary.tests[1]).toMatchObject({ outcome: 'fail', evidence: [42] });
    expect(summary.tests[1].checks[0]).toMatchObject({ ruleId: 'must-not-act', passed: false });
  });
});

describe("the sandbox's findings", () => {
  it('feed the checks: an error finding fails the test, a warning is a message; the sandbox\'s own fault notes are left out', async () => {
    const { summary } = await run([
      t(1, async (ctx) => {
        const bad = sandbox.ctx.events.emit('bridge.updated', {}, { correlation: ['c-1'], exchangeId: 5, findings: [{ ruleId: 'bridge-unreachable', severity: 'error', message: 'not delivered' }] });
        const meh = sandbox.ctx.events.emit('bridge.updated', {}, { correlation: ['c-1'], findings: [{ ruleId: 'bridge-url-https', severity: 'warning', message: 'plain http' }, { ruleId: 'sandbox-fault-injected', severity: 'info', message: 'deliberate' }] });
        const fed = ctx.checkFindings([bad, meh]);
        ctx.check('fed', fed.length === 2, `${fed.length} fed`);
      }),
    ]);
    const [test] = summary.tests;
    expect(test.outcome).toBe('fail');
    expect(test.checks[0]).toMatchObject({ ruleId: 'bridge-unreachable', passed: false, message: 'bridge.updated (#5): not delivered', evidence: [5] });
    expect(test.messages.filter((m) => m.level === 'warning')).toEqual([expect.objectContaining({ ruleId: 'bridge-url-https', message: 'bridge.updated: plain http' })]);
    expect(test.checks[1]).toMatchObject({ ruleId: 'fed', passed: true });
  });
});

describe('scheduling', () => {
  it('runs tests in parallel, but never two that share state at once; phases run in order', async () => {
    const live = new Set<string>();
    const overlaps: string[] = [];
    const order: string[] = [];
    const body = (name: string) => async (ctx: TestContext) => {
      order.push(`start ${name}`);
      for (const other of live) overlaps.push(`${name}+${other}`);
      live.add(name);
      await new Promise((r) => setTimeout(r, 60));
      live.delete(name);
      ctx.check('r', true, 'ok');
    };
    await run(
      [
        t(1, body('review'), { phase: 'review' }),
        t(2, body('a'), { shares: ['consent:p1'] }),
        t(3, body('b'), { shares: ['consent:p1'] }),
        t(4, body('c')),
        t(5, body('startup'), { phase: 'startup' }),
      ],
      { concurrency: 4 },
    );
    expect(order[0]).toBe('start startup');
    expect(order[order.length - 1]).toBe('start review');
    expect(overlaps).not.toContain('b+a');
    expect(overlaps).toContain('c+a');
  });

  it('a test over its budget is an error, and what it does afterwards stays out of the log', async () => {
    const { summary, log } = await run([
      t(1, async (ctx) => {
        await new Promise((r) => setTimeout(r, 400));
        ctx.check('late', false, 'too late to count');
      }, { timeoutMs: 100 }),
    ]);
    expect(summary.tests[0]).toMatchObject({ outcome: 'error', summary: 'the test did not finish within its budget of 100 ms' });
    await new Promise((r) => setTimeout(r, 400));
    expect(log.filter((e) => e.kind === 'test.check')).toHaveLength(0);
  });

  it('a test whose required action the sandbox lacks is skipped; an available action runs and owns its ids', async () => {
    const { summary } = await run([
      t(1, async (ctx) => void ctx.check('r', true, 'ok'), { requires: ['patient.discover'] }),
      t(2, async (ctx) => {
        const r = await ctx.act('patient.wave', {});
        ctx.check('r', r.data === 'waved', 'waved');
      }, { requires: ['patient.wave'] }),
    ]);
    expect(summary.tests[0]).toMatchObject({ outcome: 'skip', summary: 'needs the sandbox action(s) patient.discover, which this sandbox does not offer' });
    expect(summary.tests[1]).toMatchObject({ outcome: 'pass', ownedIds: ['wave-1'] });
  });

  it('the same seed gives each test the same random stream, whatever the scheduling', async () => {
    const draws: Record<string, string> = {};
    const body = (ctx: TestContext) => {
      draws[ctx.test.id] = (draws[ctx.test.id] ?? '') + ctx.rng.uuid();
      ctx.check('r', true, 'ok');
      return Promise.resolve();
    };
    await run([t(1, body), t(2, body)], { concurrency: 1 });
    await run([t(2, body), t(1, body)], { concurrency: 2 });
    expect(draws['HIP.FAKE.01'].slice(0, 36)).toBe(draws['HIP.FAKE.01'].slice(36));
    expect(draws['HIP.FAKE.01']).not.toBe(draws['HIP.FAKE.02']);
  });
});

describe('configuration errors (nothing runs)', () => {
  it('an --only that matches nothing, a missing partner id, and an unregistered partner', async () => {
    const ok = t(1, async (ctx) => void ctx.check('r', true, 'ok'));
    await expect(run([ok], { selection: { suites: [], only: ['HIP.NOPE.01'], tags: [] } })).rejects.toThrow(/--only HIP.NOPE.01 matches no test/);
    await expect(run([ok], { partners: {} })).rejects.toThrow(/give --hip-id/);
    await expect(run([ok], { partners: { hip: { serviceId: 'NOT_THERE' } } })).rejects.toThrow(ConfigError);
  });

  it('registers the partner when the sandbox lacks it and credentials are given', async () => {
    const { summary } = await run([t(1, async (ctx) => void ctx.check('r', ctx.partner.clientId === 'RUNNER_TEST_CLIENT', ctx.partner.clientId))], {
      partners: { hip: { serviceId: 'RUNNER_TEST_HIP', clientId: 'RUNNER_TEST_CLIENT', clientSecret: 'runner-test-secret' } },
    });
    expect(summary.tests[0].outcome).toBe('pass');
    expect(summary.run.partners.hip).toEqual({ role: 'hip', serviceId: 'RUNNER_TEST_HIP', clientId: 'RUNNER_TEST_CLIENT' });
  });
});

describe('the event log', () => {
  it('is numbered, starts with run.started and ends with run.finished; secrets never reach it', async () => {
    const { log } = await run(
      [t(1, async (ctx) => void ctx.check('r', true, 'the secret runner-test-secret and a token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'))],
      { secrets: ['runner-test-secret'] },
    );
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log[0].kind).toBe('run.started');
    expect(log[log.length - 1].kind).toBe('run.finished');
    const text = JSON.stringify(log);
    expect(text).not.toContain('runner-test-secret');
    expect(text).not.toContain('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0');
    expect(text).toMatch(/the secret \[redacted sha256:[0-9a-f]{8}\] and a token \[redacted sha256:[0-9a-f]{8}\]/);
  });
});
