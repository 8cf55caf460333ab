// The journal's storage. Exchanges are queued and written in segments: at most FLUSH_INTERVAL_MS after the
// first one or as soon as FLUSH_BATCH wait, one row holds the batch as a JSON array, a Bloom filter of its
// ABDM ids, and index rows for its clients and operations. Journaling a call then costs a fraction of a row
// and no random index insert. Every read flushes first, so reads see everything; closing the store flushes too.
import type { Exchange } from '../journal/exchange.js';
import { bloomMayContain, bloomOf } from './bloom-filter.js';
import type { Db } from './database.js';

export interface JournalQuery {
  clientId?: string;
  /** Only exchanges with an id greater than this (a cursor). */
  afterId?: number;
  /** Only exchanges started at or after this ISO time. */
  since?: string;
  /** Only exchanges carrying this ABDM id (REQUEST-ID, response.requestId, transactionId, consent id, ...). */
  correlation?: string;
  operationId?: string;
  limit?: number;
}

const FLUSH_INTERVAL_MS = 20;
const FLUSH_BATCH = 256;
const MAX_LIMIT = 5000;

interface SegmentRow {
  seq: number;
  min_id: number;
  max_id: number;
  exchanges: string;
}

/** The indexed keys of a segment: `k:` client and `o:` operation (few per segment; ids go in the Bloom filter). */
function keysOf(e: Exchange): string[] {
  const keys: string[] = [];
  if (e.clientId) keys.push(`k:${e.clientId}`);
  if (e.operationId) keys.push(`o:${e.operationId}`);
  return keys;
}

export class JournalRepository {
  private queue: Exchange[] = [];
  private timer: NodeJS.Timeout | undefined;
  private nextIdValue: number;
  private readonly writeSegment: (batch: Exchange[]) => void;
  private readonly cache = new Map<number, Exchange[]>();
  /** seq → Bloom filter of the segment's correlation ids; loaded on the first correlation query. */
  private blooms: Map<number, Uint8Array> | undefined;

  constructor(private readonly db: Db) {
    const row = db.prepare<[], { maxId: number | null }>('SELECT MAX(max_id) AS maxId FROM journal_segments').get();
    this.nextIdValue = (row?.maxId ?? 0) + 1;
    const insertSegment = db.prepare('INSERT INTO journal_segments (min_id, max_id, max_started, correlation_bloom, exchanges) VALUES (?, ?, ?, ?, ?)');
    const insertKey = db.prepare('INSERT OR IGNORE INTO journal_keys (key, segment) VALUES (?, ?)');
    this.writeSegment = db.transaction((batch: Exchange[]) => {
      let minId = Infinity;
      let maxId = -Infinity;
      let maxStarted = '';
      const keys = new Set<string>();
      const ids: string[] = [];
      for (const e of batch) {
        if (e.id < minId) minId = e.id;
        if (e.id > maxId) maxId = e.id;
        if (e.startedAt > maxStarted) maxStarted = e.startedAt;
        for (const key of keysOf(e)) keys.add(key);
        for (const id of e.correlationIds) ids.push(id);
      }
      const bloom = bloomOf(ids, ids.length);
      const seq = Number(insertSegment.run(minId, maxId, maxStarted, bloom, JSON.stringify(batch)).lastInsertRowid);
      for (const key of keys) insertKey.run(key, seq);
      this.blooms?.set(seq, bloom);
    });
  }

  /** Reserves the next exchange id (ids are handed out before the exchange completes, so others can point at it). */
  nextId(): number {
    return this.nextIdValue++;
  }

  /** Queues an exchange for the next segment. */
  append(exchange: Exchange): void {
    this.queue.push(exchange);
    if (this.queue.length >= FLUSH_BATCH) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
      // A pending flush must not keep a finished process alive; close() flushes what is left.
      this.timer.unref();
    }
  }

  /** Writes everything queued now. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.writeSegment(batch);
  }

  get(id: number): Exchange | undefined {
    this.flush();
    const rows = this.db.prepare<[number, number], SegmentRow>('SELECT * FROM journal_segments WHERE max_id >= ? AND min_id <= ?').all(id, id);
    for (const row of rows) {
      const found = this.segment(row).find((e) => e.id === id);
      if (found) return found;
    }
    return undefined;
  }

  query(q: JournalQuery): Exchange[] {
    this.flush();
    const limit = Math.min(Math.max(q.limit ?? 200, 1), MAX_LIMIT);
    const afterId = q.afterId ?? 0;
    // Candidate segments: those indexed under every key asked for, holding ids past the cursor.
    const keys = [q.clientId && `k:${q.clientId}`, q.operationId && `o:${q.operationId}`].filter(Boolean) as string[];
    const where = ['s.max_id > ?'];
    const args: Array<string | number> = [afterId];
    if (q.correlation) {
      const candidates = this.segmentsMayHold(q.correlation);
      if (candidates.length === 0) return [];
      where.push(`s.seq IN (${candidates.join(',')})`);
    }
    for (const key of keys) {
      where.push('s.seq IN (SELECT segment FROM journal_keys WHERE key = ?)');
      args.push(key);
    }
    if (q.since) {
      where.push('s.max_started >= ?');
      args.push(q.since);
    }
    const segments = this.db.prepare<Array<string | number>, SegmentRow>(`SELECT * FROM journal_segments s WHERE ${where.join(' AND ')} ORDER BY s.min_id`).all(...args);
    const out: Exchange[] = [];
    for (let i = 0; i < segments.length; i++) {
      for (const e of this.segment(segments[i])) if (e.id > afterId && matches(e, q)) out.push(e);
      // Segments overlap in id only a little (an outbound call is recorded when it completes): once `limit`
      // results are in hand and the next segment starts past all of them, no later segment can add any.
      if (out.length >= limit) {
        out.sort((a, b) => a.id - b.id);
        out.length = limit;
        const next = segments[i + 1];
        if (!next || next.min_id > out[out.length - 1].id) return out;
      }
    }
    return out.sort((a, b) => a.id - b.id).slice(0, limit);
  }

  /** REQUEST-IDs clients used since `sinceIso`, newest `max` at most, to rebuild duplicate detection after a restart. */
  recentRequestIds(sinceIso: string, max = 500_000): Array<{ clientKey: string; requestId: string; startedAt: string }> {
    this.flush();
    const out: Array<{ clientKey: string; requestId: string; startedAt: string }> = [];
    const stmt = this.db.prepare<[string], SegmentRow>('SELECT * FROM journal_segments WHERE max_started >= ? ORDER BY seq DESC');
    for (const row of stmt.iterate(sinceIso)) {
      for (const e of this.segment(row)) {
        if (e.direction === 'inbound' && e.requestId && e.startedAt >= sinceIso) out.push({ clientKey: e.clientId ?? `anonymous:${e.operationId ?? ''}`, requestId: e.requestId, startedAt: e.startedAt });
      }
      if (out.length >= max) break;
    }
    return out.sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
  }

  /** Segments whose Bloom filter says they may hold `id`. */
  private segmentsMayHold(id: string): number[] {
    if (!this.blooms) {
      this.blooms = new Map();
      for (const row of this.db.prepare<[], { seq: number; correlation_bloom: Buffer }>('SELECT seq, correlation_bloom FROM journal_segments').iterate()) {
        this.blooms.set(row.seq, new Uint8Array(row.correlation_bloom));
      }
    }
    const out: number[] = [];
    for (const [seq, bloom] of this.blooms) if (bloomMayContain(bloom, id)) out.push(seq);
    return out;
  }

  /** A segment's exchanges; the most recently read segments stay parsed, as queries tend to revisit them. */
  private segment(row: SegmentRow): Exchange[] {
    let exchanges = this.cache.get(row.seq);
    if (!exchanges) {
      exchanges = JSON.parse(row.exchanges) as Exchange[];
      if (this.cache.size >= 64) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(row.seq, exchanges);
    }
    return exchanges;
  }
}

function matches(e: Exchange, q: JournalQuery): boolean {
  return (
    (!q.clientId || e.clientId === q.clientId) &&
    (!q.operationId || e.operationId === q.operationId) &&
    (!q.correlation || e.correlationIds.includes(q.correlation)) &&
    (!q.since || e.startedAt >= q.since)
  );
}
