// Health-information transfers the virtual HIU asked HIPs for (spec §5.9, §5.10): the request and its key
// material, the HIP's answer, every page pushed with per-entry verdicts, and the HIP's final notify. A request
// relayed for a partner HIU (M3) is kept here too: the HIP's answers are judged alike, but its pages go to the HIU.
import type { Finding } from '../../protocol/findings.js';
import type { DateRange } from '../../protocol/consent/consent-artefact.js';
import type { KeyMaterial } from '../../protocol/health-information/key-material.js';
import type { Db } from './database.js';
import type { GroupCommit } from './group-commit.js';

export type TransferStatus = 'requested' | 'acknowledged' | 'refused' | 'undeliverable' | 'notified';

export interface TransferRecord {
  transactionId: string;
  /** REQUEST-ID of the health-information request to the HIP. */
  requestId: string;
  consentId: string;
  hipId: string;
  /** The consent's status when the request was sent (a request under a revoked consent is a negative test). */
  consentStatus: string;
  dateRange: DateRange;
  /** The virtual HIU's keyMaterial, as sent. */
  keyMaterial: KeyMaterial;
  /** The virtual HIU's private key for this request: a synthetic party's, kept to decrypt the pushes. Empty when relayed. */
  privateKey: string;
  /** The partner HIU whose request this is (M3): the keyMaterial and dataPushUrl are its own, the pages go to it. */
  relayedToHiu?: string;
  status: TransferStatus;
  answer?: unknown;
  notification?: unknown;
  requestedAt: string;
  answeredAt?: string;
  notifiedAt?: string;
}

export interface PushRecord {
  seq: number;
  transactionId: string;
  exchangeId: number;
  pageNumber?: number;
  pageCount?: number;
  receivedAt: string;
  /** Page-level findings (entries have their own). */
  findings: Finding[];
}

export interface EntryVerdict {
  pushSeq: number;
  entryIndex: number;
  transactionId: string;
  careContextReference?: string;
  hiType?: string;
  verdict: 'accepted' | 'rejected';
  findings: Finding[];
  /** The decrypted content (a FHIR Bundle as JSON text), when the entry could be opened. */
  content?: string;
}

/** An entry of a pushed page as the sandbox opened it: what a reviewer reads in the report. */
export interface DecryptedEntry {
  entryIndex: number;
  careContextReference?: string;
  hiType?: string;
  verdict: 'accepted' | 'rejected';
  content: string;
}

/** Entries larger than this are kept cut (a HealthDocumentRecord may carry a PDF); the report says so. */
export const DECRYPTED_CONTENT_LIMIT = 512 * 1024;

interface TransferRow {
  transaction_id: string;
  request_id: string;
  consent_id: string;
  hip_id: string;
  consent_status: string;
  date_range: string;
  key_material: string;
  private_key: string;
  status: TransferStatus;
  answer: string | null;
  notification: string | null;
  requested_at: string;
  answered_at: string | null;
  notified_at: string | null;
  relayed_to_hiu: string | null;
}

interface PushRow {
  seq: number;
  transaction_id: string;
  exchange_id: number;
  page_number: number | null;
  page_count: number | null;
  received_at: string;
  findings: string;
}

interface VerdictRow {
  push_seq: number;
  entry_index: number;
  transaction_id: string;
  care_context_ref: string | null;
  hi_type: string | null;
  verdict: 'accepted' | 'rejected';
  findings: string;
}

export class HealthInformationRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly byRequestStmt;
  private readonly answeredStmt;
  private readonly statusStmt;
  private readonly notifiedStmt;
  private readonly insertPushStmt;
  private readonly pushesStmt;
  private readonly insertVerdictStmt;
  private readonly verdictsStmt;
  private readonly decryptedStmt;
  readonly recordPush: (push: Omit<PushRecord, 'seq'>, verdicts: ReadonlyArray<Omit<EntryVerdict, 'pushSeq'>>) => number;

  constructor(
    db: Db,
    private readonly group?: GroupCommit,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO hi_transfers (transaction_id, request_id, consent_id, hip_id, consent_status, date_range, key_material, private_key, status, requested_at, relayed_to_hiu)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.getStmt = db.prepare<[string], TransferRow>('SELECT * FROM hi_transfers WHERE transaction_id = ?');
    this.byRequestStmt = db.prepare<[string], TransferRow>('SELECT * FROM hi_transfers WHERE request_id = ?');
    this.answeredStmt = db.prepare('UPDATE hi_transfers SET status = ?, answer = ?, answered_at = ? WHERE transaction_id = ?');
    this.statusStmt = db.prepare('UPDATE hi_transfers SET status = ? WHERE transaction_id = ?');
    this.notifiedStmt = db.prepare("UPDATE hi_transfers SET status = 'notified', notification = ?, notified_at = ? WHERE transaction_id = ?");
    this.insertPushStmt = db.prepare('INSERT INTO hi_pushes (transaction_id, exchange_id, page_number, page_count, received_at, findings) VALUES (?, ?, ?, ?, ?, ?)');
    this.pushesStmt = db.prepare<[string], PushRow>('SELECT * FROM hi_pushes WHERE transaction_id = ? ORDER BY seq');
    this.insertVerdictStmt = db.prepare(
      'INSERT INTO hi_entry_verdicts (push_seq, entry_index, transaction_id, care_context_ref, hi_type, verdict, findings, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.decryptedStmt = db.prepare<[number], { entry_index: number; care_context_ref: string | null; hi_type: string | null; verdict: 'accepted' | 'rejected'; content: string }>(
      `SELECT v.entry_index, v.care_context_ref, v.hi_type, v.verdict, v.content FROM hi_entry_verdicts v JOIN hi_pushes p ON p.seq = v.push_seq
       WHERE p.exchange_id = ? AND v.content IS NOT NULL ORDER BY v.entry_index`,
    );
    this.verdictsStmt = db.prepare<[string], VerdictRow>('SELECT * FROM hi_entry_verdicts WHERE transaction_id = ? ORDER BY push_seq, entry_index');
    // A page and its verdicts are stored together or not at all.
    const recordPush = db.transaction((push: Omit<PushRecord, 'seq'>, verdicts: ReadonlyArray<Omit<EntryVerdict, 'pushSeq'>>) => {
      const seq = Number(
        this.insertPushStmt.run(push.transactionId, push.exchangeId, push.pageNumber ?? null, push.pageCount ?? null, push.receivedAt, JSON.stringify(push.findings)).lastInsertRowid,
      );
      for (const v of verdicts) {
        const content = v.content === undefined ? null : v.content.length > DECRYPTED_CONTENT_LIMIT ? v.content.slice(0, DECRYPTED_CONTENT_LIMIT) : v.content;
        this.insertVerdictStmt.run(seq, v.entryIndex, v.transactionId, v.careContextReference ?? null, v.hiType ?? null, v.verdict, JSON.stringify(v.findings), content);
      }
      return seq;
    });
    this.recordPush = (push, verdicts) => {
      this.group?.begin();
      return recordPush(push, verdicts);
    };
  }

  insert(t: Omit<TransferRecord, 'status' | 'answer' | 'notification' | 'answeredAt' | 'notifiedAt'>): void {
    this.group?.begin();
    this.insertStmt.run(t.transactionId, t.requestId, t.consentId, t.hipId, t.consentStatus, JSON.stringify(t.dateRange), JSON.stringify(t.keyMaterial), t.privateKey, 'requested', t.requestedAt, t.relayedToHiu ?? null);
  }

  get(transactionId: string): TransferRecord | undefined {
    return fromTransferRow(this.getStmt.get(transactionId));
  }

  byRequestId(requestId: string): TransferRecord | undefined {
    return fromTransferRow(this.byRequestStmt.get(requestId));
  }

  answered(transactionId: string, status: TransferStatus, answer: unknown, at: string): void {
    this.group?.begin();
    this.answeredStmt.run(status, JSON.stringify(answer), at, transactionId);
  }

  setStatus(transactionId: string, status: TransferStatus): void {
    this.group?.begin();
    this.statusStmt.run(status, transactionId);
  }

  notified(transactionId: string, notification: unknown, at: string): void {
    this.group?.begin();
    this.notifiedStmt.run(JSON.stringify(notification), at, transactionId);
  }

  pushes(transactionId: string): PushRecord[] {
    return this.pushesStmt.all(transactionId).map((r) => ({
      seq: r.seq,
      transactionId: r.transaction_id,
      exchangeId: r.exchange_id,
      pageNumber: r.page_number ?? undefined,
      pageCount: r.page_count ?? undefined,
      receivedAt: r.received_at,
      findings: JSON.parse(r.findings) as Finding[],
    }));
  }

  /** The entries of the page pushed in journal exchange `exchangeId` that the sandbox could open, in order. */
  decryptedEntries(exchangeId: number): DecryptedEntry[] {
    return this.decryptedStmt.all(exchangeId).map((r) => ({
      entryIndex: r.entry_index,
      ...(r.care_context_ref !== null ? { careContextReference: r.care_context_ref } : {}),
      ...(r.hi_type !== null ? { hiType: r.hi_type } : {}),
      verdict: r.verdict,
      content: r.content,
    }));
  }

  verdicts(transactionId: string): EntryVerdict[] {
    return this.verdictsStmt.all(transactionId).map((r) => ({
      pushSeq: r.push_seq,
      entryIndex: r.entry_index,
      transactionId: r.transaction_id,
      careContextReference: r.care_context_ref ?? undefined,
      hiType: r.hi_type ?? undefined,
      verdict: r.verdict,
      findings: JSON.parse(r.findings) as Finding[],
    }));
  }
}

function fromTransferRow(row: TransferRow | undefined): TransferRecord | undefined {
  if (!row) return undefined;
  return {
    transactionId: row.transaction_id,
    requestId: row.request_id,
    consentId: row.consent_id,
    hipId: row.hip_id,
    consentStatus: row.consent_status,
    dateRange: JSON.parse(row.date_range) as DateRange,
    keyMaterial: JSON.parse(row.key_material) as KeyMaterial,
    privateKey: row.private_key,
    status: row.status,
    answer: row.answer === null ? undefined : JSON.parse(row.answer),
    notification: row.notification === null ? undefined : JSON.parse(row.notification),
    requestedAt: row.requested_at,
    answeredAt: row.answered_at ?? undefined,
    notifiedAt: row.notified_at ?? undefined,
    ...(row.relayed_to_hiu !== null ? { relayedToHiu: row.relayed_to_hiu } : {}),
  };
}
