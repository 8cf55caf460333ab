// Callbacks the gateway sent and whether they were answered: the map that lets an `on-*` call be
// correlated by `response.requestId` (spec §3.1 step 3, §12.1 request ledger).
import type { Db } from './database.js';
import type { GroupCommit } from './group-commit.js';

export interface SentCallback {
  /** The REQUEST-ID the gateway put on the call; the partner must echo it in `response.requestId`. */
  requestId: string;
  callbackId: string;
  clientId: string;
  serviceId: string;
  /** The outbound exchange (first attempt). */
  exchangeId: number;
  sentAt: string;
  delivery: 'pending' | 'delivered' | 'failed';
  answeredBy?: number;
  answeredAt?: string;
}

interface Row {
  request_id: string;
  callback_id: string;
  client_id: string;
  service_id: string;
  exchange_id: number;
  sent_at: string;
  delivery: SentCallback['delivery'];
  answered_by: number | null;
  answered_at: string | null;
}

/** How many calls that expect no answer are remembered (in memory only). */
const UNANSWERABLE_REMEMBERED = 100_000;

export class SentCallbackRepository {
  /**
   * Calls that expect no answer (on_carecontext, on-generate-token, error fan-backs): kept in memory only, since
   * nothing is correlated with them (the journal has the exchange). They are remembered so that a partner who
   * answers one by mistake is told so; a Map keeps insertion order, so the oldest are forgotten first.
   */
  private readonly unanswerable = new Map<string, SentCallback>();
  private readonly insertStmt;
  private readonly getStmt;
  private readonly deliveryStmt;
  private readonly answerStmt;

  constructor(
    db: Db,
    private readonly group?: GroupCommit,
  ) {
    this.insertStmt = db.prepare('INSERT INTO sent_callbacks (request_id, callback_id, client_id, service_id, exchange_id, sent_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.getStmt = db.prepare<[string], Row>('SELECT * FROM sent_callbacks WHERE request_id = ?');
    this.deliveryStmt = db.prepare('UPDATE sent_callbacks SET delivery = ? WHERE request_id = ?');
    // Only the first answer wins; a second one finds answered_by set and is a duplicate.
    this.answerStmt = db.prepare('UPDATE sent_callbacks SET answered_by = ?, answered_at = ? WHERE request_id = ? AND answered_by IS NULL');
  }

  /** Records a call; `expectsAnswer: false` keeps it in memory only. */
  record(sent: Omit<SentCallback, 'delivery'>, expectsAnswer = true): void {
    if (!expectsAnswer) {
      if (this.unanswerable.size >= UNANSWERABLE_REMEMBERED) this.unanswerable.delete(this.unanswerable.keys().next().value as string);
      this.unanswerable.set(sent.requestId, { ...sent, delivery: 'pending' });
      return;
    }
    this.group?.begin();
    this.insertStmt.run(sent.requestId, sent.callbackId, sent.clientId, sent.serviceId, sent.exchangeId, sent.sentAt);
  }

  get(requestId: string): SentCallback | undefined {
    const remembered = this.unanswerable.get(requestId);
    if (remembered) return { ...remembered };
    const row = this.getStmt.get(requestId);
    if (!row) return undefined;
    return {
      requestId: row.request_id,
      callbackId: row.callback_id,
      clientId: row.client_id,
      serviceId: row.service_id,
      exchangeId: row.exchange_id,
      sentAt: row.sent_at,
      delivery: row.delivery,
      answeredBy: row.answered_by ?? undefined,
      answeredAt: row.answered_at ?? undefined,
    };
  }

  markDelivery(requestId: string, delivery: SentCallback['delivery']): void {
    const remembered = this.unanswerable.get(requestId);
    if (remembered) {
      remembered.delivery = delivery;
      return;
    }
    this.group?.begin();
    this.deliveryStmt.run(delivery, requestId);
  }

  /** Records the answer; false when the callback had already been answered. */
  markAnswered(requestId: string, answerExchangeId: number, at: string): boolean {
    this.group?.begin();
    return this.answerStmt.run(answerExchangeId, at, requestId).changes === 1;
  }
}
