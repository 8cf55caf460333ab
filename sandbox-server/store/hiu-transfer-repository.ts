// Health-information requests HIUs made (spec §6.6): the request and the public half of its key material (to
// spot reuse), whether the consent manager refused it, what the virtual HIP pushed to the HIU's dataPushUrl
// (or that a partner HIP was asked to), and the HIU's final notify.
import type { DateRange } from '../../protocol/consent/consent-artefact.js';
import type { HipMode } from './consent-request-repository.js';
import type { Db } from './database.js';
import type { GroupCommit } from './group-commit.js';

/**
 * `requested`: accepted, the HIP not done yet; `refused`: an error on-request; `forwarded`: sent to a partner HIP,
 * whose pages go straight to the HIU; `delivered` / `failed`: the virtual HIP pushed (every page taken, or not);
 * `empty`: the virtual HIP had nothing in range to push; `notified`: the HIU's notify arrived.
 */
export type HiuTransferStatus = 'requested' | 'refused' | 'forwarded' | 'delivered' | 'failed' | 'empty' | 'notified';

export interface HiuTransferRecord {
  transactionId: string;
  /** REQUEST-ID of the HIU's request. */
  requestId: string;
  consentId: string;
  hiuId: string;
  hipId: string;
  hipMode: HipMode;
  dateRange: DateRange;
  dataPushUrl: string;
  keyValue: string;
  nonce: string;
  status: HiuTransferStatus;
  /** The error on-request carried, for a refused request. */
  error?: { code: string; message: string };
  /** What the virtual HIP pushed and how the HIU answered each page (JSON; the flow reads it). */
  delivery?: unknown;
  /** The HIU's notify body. */
  notification?: unknown;
  requestedAt: string;
  deliveredAt?: string;
  notifiedAt?: string;
  /** The HIU's notify was reported missing. */
  notifyOverdue: boolean;
}

interface Row {
  transaction_id: string;
  request_id: string;
  consent_id: string;
  hiu_id: string;
  hip_id: string;
  hip_mode: HipMode;
  date_range: string;
  data_push_url: string;
  key_value: string;
  nonce: string;
  status: HiuTransferStatus;
  error: string | null;
  delivery: string | null;
  notification: string | null;
  requested_at: string;
  delivered_at: string | null;
  notified_at: string | null;
  notify_overdue: number;
}

export class HiuTransferRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly statusStmt;
  private readonly deliveryStmt;
  private readonly deliveredStmt;
  private readonly notifiedStmt;
  private readonly keyReuseStmt;
  private readonly overdueStmt;
  private readonly markOverdueStmt;
  private readonly forConsentStmt;

  constructor(
    db: Db,
    private readonly group?: GroupCommit,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO hiu_transfers (transaction_id, request_id, consent_id, hiu_id, hip_id, hip_mode, date_range, data_push_url, key_value, nonce, status, error, requested_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.getStmt = db.prepare<[string], Row>('SELECT * FROM hiu_transfers WHERE transaction_id = ?');
    this.statusStmt = db.prepare('UPDATE hiu_transfers SET status = ? WHERE transaction_id = ?');
    this.deliveryStmt = db.prepare('UPDATE hiu_transfers SET delivery = ? WHERE transaction_id = ?');
    // A HIU may notify before the last page's answer is back: its notify is not undone by the end of the push.
    this.deliveredStmt = db.prepare("UPDATE hiu_transfers SET status = CASE WHEN status = 'notified' THEN status ELSE ? END, delivery = ?, delivered_at = ? WHERE transaction_id = ?");
    this.notifiedStmt = db.prepare("UPDATE hiu_transfers SET status = 'notified', notification = ?, notified_at = ? WHERE transaction_id = ?");
    this.keyReuseStmt = db.prepare<[string, string, string, string, string], Row>(
      'SELECT * FROM hiu_transfers WHERE hiu_id = ? AND transaction_id <> ? AND (key_value = ? OR nonce = ?) AND requested_at <= ? ORDER BY requested_at LIMIT 1',
    );
    this.overdueStmt = db.prepare<[string], Row>(
      "SELECT * FROM hiu_transfers WHERE status IN ('forwarded', 'delivered', 'failed') AND notify_overdue = 0 AND COALESCE(delivered_at, requested_at) <= ? ORDER BY requested_at, transaction_id",
    );
    this.markOverdueStmt = db.prepare('UPDATE hiu_transfers SET notify_overdue = 1 WHERE transaction_id = ?');
    this.forConsentStmt = db.prepare<[string], Row>('SELECT * FROM hiu_transfers WHERE consent_id = ? ORDER BY requested_at, transaction_id');
  }

  insert(t: Omit<HiuTransferRecord, 'delivery' | 'notification' | 'deliveredAt' | 'notifiedAt' | 'notifyOverdue'>): void {
    this.group?.begin();
    this.insertStmt.run(
      t.transactionId, t.requestId, t.consentId, t.hiuId, t.hipId, t.hipMode, JSON.stringify(t.dateRange), t.dataPushUrl, t.keyValue, t.nonce, t.status,
      t.error ? JSON.stringify(t.error) : null, t.requestedAt,
    );
  }

  get(transactionId: string): HiuTransferRecord | undefined {
    const row = this.getStmt.get(transactionId);
    return row ? fromRow(row) : undefined;
  }

  setStatus(transactionId: string, status: HiuTransferStatus): void {
    this.group?.begin();
    this.statusStmt.run(status, transactionId);
  }

  /** What the virtual HIP is pushing, recorded before and after each page (a notify may come in between). */
  recordDelivery(transactionId: string, delivery: unknown): void {
    this.group?.begin();
    this.deliveryStmt.run(JSON.stringify(delivery), transactionId);
  }

  /** The virtual HIP finished pushing (`empty`: it had nothing to push). */
  delivered(transactionId: string, status: 'delivered' | 'failed' | 'empty', delivery: unknown, at: string): void {
    this.group?.begin();
    this.deliveredStmt.run(status, JSON.stringify(delivery), at, transactionId);
  }

  notified(transactionId: string, notification: unknown, at: string): void {
    this.group?.begin();
    this.notifiedStmt.run(JSON.stringify(notification), at, transactionId);
  }

  /** An earlier request of the same HIU with the same public key or nonce, if any. */
  keyUsedBefore(t: Pick<HiuTransferRecord, 'hiuId' | 'transactionId' | 'keyValue' | 'nonce' | 'requestedAt'>): HiuTransferRecord | undefined {
    const row = this.keyReuseStmt.get(t.hiuId, t.transactionId, t.keyValue, t.nonce, t.requestedAt);
    return row ? fromRow(row) : undefined;
  }

  /** Transfers the HIP finished (or was handed) at or before `cutoffIso` whose HIU has not notified, not yet reported. */
  awaitingNotifySince(cutoffIso: string): HiuTransferRecord[] {
    return this.overdueStmt.all(cutoffIso).map(fromRow);
  }

  markNotifyOverdue(transactionId: string): void {
    this.group?.begin();
    this.markOverdueStmt.run(transactionId);
  }

  forConsent(consentId: string): HiuTransferRecord[] {
    return this.forConsentStmt.all(consentId).map(fromRow);
  }
}

function fromRow(row: Row): HiuTransferRecord {
  return {
    transactionId: row.transaction_id,
    requestId: row.request_id,
    consentId: row.consent_id,
    hiuId: row.hiu_id,
    hipId: row.hip_id,
    hipMode: row.hip_mode,
    dateRange: JSON.parse(row.date_range) as DateRange,
    dataPushUrl: row.data_push_url,
    keyValue: row.key_value,
    nonce: row.nonce,
    status: row.status,
    error: row.error === null ? undefined : (JSON.parse(row.error) as { code: string; message: string }),
    delivery: row.delivery === null ? undefined : JSON.parse(row.delivery),
    notification: row.notification === null ? undefined : JSON.parse(row.notification),
    requestedAt: row.requested_at,
    deliveredAt: row.delivered_at ?? undefined,
    notifiedAt: row.notified_at ?? undefined,
    notifyOverdue: row.notify_overdue === 1,
  };
}
