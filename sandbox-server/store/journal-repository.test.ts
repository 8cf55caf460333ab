import { describe, expect, it } from 'vitest';
import type { Exchange } from '../journal/exchange.js';
import { openDatabase } from './database.js';
import { JournalRepository } from './journal-repository.js';

function exchange(id: number, over: Partial<Exchange> = {}): Exchange {
  return {
    id,
    direction: 'inbound',
    operationId: 'gateway.bridge-url',
    method: 'PATCH',
    url: '/x',
    clientId: 'A',
    requestId: `req-${id}`,
    requestHeaders: {},
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, id)).toISOString(),
    durationMs: 1,
    correlationIds: [`req-${id}`],
    findings: [],
    ...over,
  };
}

function repoWith(batches: Exchange[][]): JournalRepository {
  const repo = new JournalRepository(openDatabase({ inMemory: true }));
  for (const batch of batches) {
    for (const e of batch) repo.append(e);
    repo.flush();
  }
  return repo;
}

describe('journal segments', () => {
  it('returns exchanges in id order across segments, even when a late segment holds an early id', () => {
    // Exchange 3 is an outbound call reserved early and recorded after 4..6 (it completed late).
    const repo = repoWith([[exchange(1), exchange(2)], [exchange(4), exchange(5), exchange(6)], [exchange(3, { direction: 'outbound' }), exchange(7)]]);
    expect(repo.query({}).map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(repo.query({ limit: 3 }).map((e) => e.id)).toEqual([1, 2, 3]);
    expect(repo.query({ afterId: 3, limit: 2 }).map((e) => e.id)).toEqual([4, 5]);
  });

  it('filters by client, operation, correlation id and time', () => {
    const repo = repoWith([
      [exchange(1), exchange(2, { clientId: 'B', correlationIds: ['req-2', 'tx-9'] })],
      [exchange(3, { operationId: 'gateway.sessions' }), exchange(4, { clientId: 'B' })],
    ]);
    expect(repo.query({ clientId: 'B' }).map((e) => e.id)).toEqual([2, 4]);
    expect(repo.query({ operationId: 'gateway.sessions' }).map((e) => e.id)).toEqual([3]);
    expect(repo.query({ correlation: 'tx-9' }).map((e) => e.id)).toEqual([2]);
    expect(repo.query({ correlation: 'req-4' }).map((e) => e.id)).toEqual([4]);
    expect(repo.query({ correlation: 'nothing' })).toEqual([]);
    expect(repo.query({ since: new Date(Date.UTC(2026, 0, 1, 0, 0, 3)).toISOString() }).map((e) => e.id)).toEqual([3, 4]);
  });

  it('sees queued exchanges without an explicit flush, and gets one by id', () => {
    const repo = new JournalRepository(openDatabase({ inMemory: true }));
    repo.append(exchange(repo.nextId()));
    expect(repo.get(1)?.requestId).toBe('req-1');
    expect(repo.get(2)).toBeUndefined();
  });

  it('continues ids after the highest stored one when reopened', () => {
    const db = openDatabase({ inMemory: true });
    const first = new JournalRepository(db);
    first.append(exchange(first.nextId()));
    first.append(exchange(first.nextId()));
    first.flush();
    expect(new JournalRepository(db).nextId()).toBe(3);
  });

  it('lists recent REQUEST-IDs per client for duplicate detection after a restart', () => {
    const repo = repoWith([[exchange(1), exchange(2, { direction: 'outbound' }), exchange(3, { clientId: undefined, operationId: 'gateway.sessions' })]]);
    expect(repo.recentRequestIds('2026-01-01T00:00:00.000Z')).toEqual([
      { clientKey: 'A', requestId: 'req-1', startedAt: '2026-01-01T00:00:01.000Z' },
      { clientKey: 'anonymous:gateway.sessions', requestId: 'req-3', startedAt: '2026-01-01T00:00:03.000Z' },
    ]);
  });
});
