// The journal's storage. Writes are queued and committed in one transaction per event-loop turn, so
// journaling every exchange costs little on the hot path; every read flushes first, so reads see everything.
import type { Exchange } from '../journal/exchange.js';
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

interface ExchangeRow {
  id: number;
  direction: 'inbound' | 'outbound';
  operation_id: string | null;
  method: string;
  url: string;
  client_id: string | null;
  service_id: string | null;
  request_id: string | null;
  request_headers: string;
  request_body: string | null;
  status: number | null;
  response_headers: string | null;
  response_body: string | null;
  error_code: string | null;
  error_message: string | null;
  started_at: string;
  duration_ms: number;
  caused_by: number | null;
  answers: number | null;
  attempt: number | null;
  findings: string;
}

export class JournalRepository {
  private queue: Exchange[] = [];
  private scheduled = false;
  private nextIdValue: number;
  private readonly insertExchange;
  private readonly insertId;
  private readonly writeBatch: (batch: Exchange[]) => void;

  constructor(private readonly db: Db) {
    const row = db.prepare<[], { maxId: number | null }>('SELECT MAX(id) AS maxId FROM exchanges').get();
    this.nextIdValue = (row?.maxId ?? 0) + 1;
    this.insertExchange = db.prepare(`INSERT INTO exchanges (id, direction, operation_id, method, url, client_id, service_id, request_id,
      request_headers, request_body, status, response_headers, response_body, error_code, error_message, started_at, duration_ms,
      caused_by, answers, attempt, findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertId = db.prepare('INSERT OR IGNORE INTO exchange_ids (value, exchange_id) VALUES (?, ?)');
    this.writeBatch = db.transaction((batch: Exchange[]) => {
      for (const e of batch) {
        this.insertExchange.run(
          e.id, e.direction, e.operationId ?? null, e.method, e.url, e.clientId ?? null, e.serviceId ?? null, e.requestId ?? null,
          JSON.stringify(e.requestHeaders), e.requestBody ?? null, e.status ?? null,
          e.responseHeaders ? JSON.stringify(e.responseHeaders) : null, e.responseBody ?? null,
          e.errorCode ?? null, e.errorMessage ?? null, e.startedAt, e.durationMs, e.causedBy ?? null, e.answers ?? null,
          e.attempt ?? null, JSON.stringify(e.findings),
        );
        for (const id of e.correlationIds) this.insertId.run(id, e.id);
      }
    });
  }

  /** Reserves the next exchange id (ids are handed out before the exchange completes, so others can point at it). */
  nextId(): number {
    return this.nextIdValue++;
  }

  /** Queues an exchange for writing in this event-loop turn's transaction. */
  append(exchange: Exchange): void {
    this.queue.push(exchange);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes everything queued now. */
  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.writeBatch(batch);
  }

  get(id: number): Exchange | undefined {
    this.flush();
    const row = this.db.prepare<[number], ExchangeRow>('SELECT * FROM exchanges WHERE id = ?').get(id);
    return row ? this.fromRow(row) : undefined;
  }

  query(q: JournalQuery): Exchange[] {
    this.flush();
    const where: string[] = [];
    const args: Array<string | number> = [];
    if (q.clientId) {
      where.push('e.client_id = ?');
      args.push(q.clientId);
    }
    if (q.afterId !== undefined) {
      where.push('e.id > ?');
      args.push(q.afterId);
    }
    if (q.since) {
      where.push('e.started_at >= ?');
      args.push(q.since);
    }
    if (q.operationId) {
      where.push('e.operation_id = ?');
      args.push(q.operationId);
    }
    if (q.correlation) {
      where.push('e.id IN (SELECT exchange_id FROM exchange_ids WHERE value = ?)');
      args.push(q.correlation);
    }
    const limit = Math.min(Math.max(q.limit ?? 200, 1), 5000);
    const sql = `SELECT e.* FROM exchanges e ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.id LIMIT ${limit}`;
    return this.db.prepare<Array<string | number>, ExchangeRow>(sql).all(...args).map((row) => this.fromRow(row));
  }

  /** REQUEST-IDs a client used since `sinceIso`, to rebuild duplicate detection after a restart. */
  recentRequestIds(sinceIso: string): Array<{ clientKey: string; requestId: string; startedAt: string }> {
    this.flush();
    return this.db
      .prepare<[string], { client_id: string | null; request_id: string; started_at: string; operation_id: string | null }>(
        "SELECT client_id, request_id, started_at, operation_id FROM exchanges WHERE direction = 'inbound' AND request_id IS NOT NULL AND started_at >= ? ORDER BY id",
      )
      .all(sinceIso)
      .map((r) => ({ clientKey: r.client_id ?? `anonymous:${r.operation_id ?? ''}`, requestId: r.request_id, startedAt: r.started_at }));
  }

  private correlationIdsOf(id: number): string[] {
    return this.db
      .prepare<[number], { value: string }>('SELECT value FROM exchange_ids WHERE exchange_id = ? ORDER BY value')
      .all(id)
      .map((r) => r.value);
  }

  private fromRow(row: ExchangeRow): Exchange {
    return {
      id: row.id,
      direction: row.direction,
      operationId: row.operation_id ?? undefined,
      method: row.method,
      url: row.url,
      clientId: row.client_id ?? undefined,
      serviceId: row.service_id ?? undefined,
      requestId: row.request_id ?? undefined,
      requestHeaders: JSON.parse(row.request_headers) as Record<string, string>,
      requestBody: row.request_body ?? undefined,
      status: row.status ?? undefined,
      responseHeaders: row.response_headers ? (JSON.parse(row.response_headers) as Record<string, string>) : undefined,
      responseBody: row.response_body ?? undefined,
      errorCode: row.error_code ?? undefined,
      errorMessage: row.error_message ?? undefined,
      startedAt: row.started_at,
      durationMs: row.duration_ms,
      causedBy: row.caused_by ?? undefined,
      answers: row.answers ?? undefined,
      attempt: row.attempt ?? undefined,
      correlationIds: this.correlationIdsOf(row.id),
      findings: JSON.parse(row.findings) as Exchange['findings'],
    };
  }
}
