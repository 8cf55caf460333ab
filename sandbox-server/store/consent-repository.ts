// Consent artefacts the sandbox's consent manager granted, and each notification it sent about them with the
// answer it got (spec §5.8, §7). Shared by the flows toward HIPs (M2) and toward HIUs (M3).
import type { ConsentDetail, ConsentStatus } from '../../protocol/consent/consent-artefact.js';
import type { Db } from './database.js';
import type { GroupCommit } from './group-commit.js';

export interface ConsentRecord {
  consentId: string;
  hipId: string;
  hiuId: string;
  abhaAddress: string;
  status: ConsentStatus;
  detail: ConsentDetail;
  signature: string;
  dataEraseAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface ConsentNotice {
  /** REQUEST-ID of the notify call. */
  requestId: string;
  consentId: string;
  status: ConsentStatus;
  /** The partner's on-notify body, once it answered. */
  answer?: unknown;
  sentAt: string;
  answeredAt?: string;
}

interface ConsentRow {
  consent_id: string;
  hip_id: string;
  hiu_id: string;
  abha_address: string;
  status: ConsentStatus;
  detail: string;
  signature: string;
  data_erase_at: string;
  created_at: string;
  updated_at: string;
}

interface NoticeRow {
  request_id: string;
  consent_id: string;
  status: ConsentStatus;
  answer: string | null;
  sent_at: string;
  answered_at: string | null;
}

export class ConsentRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly statusStmt;
  private readonly dueStmt;
  private readonly insertNoticeStmt;
  private readonly noticeStmt;
  private readonly noticesStmt;
  private readonly answerNoticeStmt;

  constructor(
    db: Db,
    private readonly group?: GroupCommit,
  ) {
    this.insertStmt = db.prepare(
      'INSERT INTO consents (consent_id, hip_id, hiu_id, abha_address, status, detail, signature, data_erase_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.getStmt = db.prepare<[string], ConsentRow>('SELECT * FROM consents WHERE consent_id = ?');
    // Only a change from `from` takes effect: a consent revoked meanwhile is not also expired.
    this.statusStmt = db.prepare('UPDATE consents SET status = ?, updated_at = ? WHERE consent_id = ? AND status = ?');
    this.dueStmt = db.prepare<[string], ConsentRow>("SELECT * FROM consents WHERE status = 'GRANTED' AND data_erase_at <= ? ORDER BY data_erase_at, consent_id");
    this.insertNoticeStmt = db.prepare('INSERT INTO consent_notices (request_id, consent_id, status, sent_at) VALUES (?, ?, ?, ?)');
    this.noticeStmt = db.prepare<[string], NoticeRow>('SELECT * FROM consent_notices WHERE request_id = ?');
    this.noticesStmt = db.prepare<[string], NoticeRow>('SELECT * FROM consent_notices WHERE consent_id = ? ORDER BY rowid');
    this.answerNoticeStmt = db.prepare('UPDATE consent_notices SET answer = ?, answered_at = ? WHERE request_id = ?');
  }

  insert(c: ConsentRecord): void {
    this.group?.begin();
    this.insertStmt.run(c.consentId, c.hipId, c.hiuId, c.abhaAddress, c.status, JSON.stringify(c.detail), c.signature, c.dataEraseAt, c.createdAt, c.updatedAt);
  }

  get(consentId: string): ConsentRecord | undefined {
    const row = this.getStmt.get(consentId);
    return row ? fromConsentRow(row) : undefined;
  }

  /** Moves a consent from `from` to `to`; false when it was no longer in `from`. */
  transition(consentId: string, from: ConsentStatus, to: ConsentStatus, at: string): boolean {
    this.group?.begin();
    return this.statusStmt.run(to, at, consentId, from).changes === 1;
  }

  /** GRANTED consents whose dataEraseAt is at or before `nowIso`. */
  dueForExpiry(nowIso: string): ConsentRecord[] {
    return this.dueStmt.all(nowIso).map(fromConsentRow);
  }

  recordNotice(n: Pick<ConsentNotice, 'requestId' | 'consentId' | 'status' | 'sentAt'>): void {
    this.group?.begin();
    this.insertNoticeStmt.run(n.requestId, n.consentId, n.status, n.sentAt);
  }

  notice(requestId: string): ConsentNotice | undefined {
    const row = this.noticeStmt.get(requestId);
    return row ? fromNoticeRow(row) : undefined;
  }

  notices(consentId: string): ConsentNotice[] {
    return this.noticesStmt.all(consentId).map(fromNoticeRow);
  }

  answerNotice(requestId: string, answer: unknown, at: string): void {
    this.group?.begin();
    this.answerNoticeStmt.run(JSON.stringify(answer), at, requestId);
  }
}

function fromConsentRow(row: ConsentRow): ConsentRecord {
  return {
    consentId: row.consent_id,
    hipId: row.hip_id,
    hiuId: row.hiu_id,
    abhaAddress: row.abha_address,
    status: row.status,
    detail: JSON.parse(row.detail) as ConsentDetail,
    signature: row.signature,
    dataEraseAt: row.data_erase_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function fromNoticeRow(row: NoticeRow): ConsentNotice {
  return {
    requestId: row.request_id,
    consentId: row.consent_id,
    status: row.status,
    answer: row.answer === null ? undefined : JSON.parse(row.answer),
    sentAt: row.sent_at,
    answeredAt: row.answered_at ?? undefined,
  };
}
