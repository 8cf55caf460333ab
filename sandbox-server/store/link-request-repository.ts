// User-initiated link requests (spec §5.2, §5.3): the care contexts the patient picked, the HIP's link
// reference and OTP expiry, and how confirmation went.
import type { HiTypeEntry } from '../../protocol/linking/hi-type-entries.js';
import type { Db } from './database.js';
import type { GroupCommit } from './group-commit.js';

export type LinkRequestStatus = 'requested' | 'awaiting-confirmation' | 'init-refused' | 'linked' | 'confirm-refused' | 'undeliverable';

export interface ConfirmExpectation {
  expect: 'linked' | 'refused';
  reasons: Array<'wrong-otp' | 'expired' | 'replay'>;
}

export interface LinkRequestRecord {
  /** REQUEST-ID of the link init call. */
  requestId: string;
  transactionId: string;
  abhaAddress: string;
  hipId: string;
  /** The patient entries sent in the init (one per hiType). */
  entries: HiTypeEntry[];
  /** link.referenceNumber from on-init. */
  linkRef?: string;
  communicationExpiry?: string;
  status: LinkRequestStatus;
  /** REQUEST-ID of the latest confirm call. */
  confirmRequestId?: string;
  /** What the patient expected of the latest confirm, and why (a wrong OTP, an expired or used reference). */
  confirmExpectation?: ConfirmExpectation;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  request_id: string;
  transaction_id: string;
  abha_address: string;
  hip_id: string;
  entries: string;
  link_ref: string | null;
  communication_expiry: string | null;
  status: LinkRequestStatus;
  confirm_request_id: string | null;
  confirm_expectation: string | null;
  created_at: string;
  updated_at: string;
}

export class LinkRequestRepository {
  private readonly insertStmt;
  private readonly byRequestStmt;
  private readonly byRefStmt;
  private readonly byConfirmStmt;
  private readonly initAnsweredStmt;
  private readonly statusStmt;
  private readonly confirmingStmt;

  constructor(
    db: Db,
    private readonly group?: GroupCommit,
  ) {
    this.insertStmt = db.prepare(
      'INSERT INTO link_requests (request_id, transaction_id, abha_address, hip_id, entries, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.byRequestStmt = db.prepare<[string], Row>('SELECT * FROM link_requests WHERE request_id = ?');
    this.byRefStmt = db.prepare<[string, string], Row>('SELECT * FROM link_requests WHERE abha_address = ? AND link_ref = ? ORDER BY rowid DESC LIMIT 1');
    this.byConfirmStmt = db.prepare<[string], Row>('SELECT * FROM link_requests WHERE confirm_request_id = ?');
    this.initAnsweredStmt = db.prepare('UPDATE link_requests SET link_ref = ?, communication_expiry = ?, status = ?, updated_at = ? WHERE request_id = ?');
    this.statusStmt = db.prepare('UPDATE link_requests SET status = ?, updated_at = ? WHERE request_id = ?');
    this.confirmingStmt = db.prepare('UPDATE link_requests SET confirm_request_id = ?, confirm_expectation = ?, updated_at = ? WHERE request_id = ?');
  }

  insert(r: Pick<LinkRequestRecord, 'requestId' | 'transactionId' | 'abhaAddress' | 'hipId' | 'entries' | 'createdAt'>): void {
    this.group?.begin();
    this.insertStmt.run(r.requestId, r.transactionId, r.abhaAddress, r.hipId, JSON.stringify(r.entries), 'requested', r.createdAt, r.createdAt);
  }

  byRequestId(requestId: string): LinkRequestRecord | undefined {
    return fromRow(this.byRequestStmt.get(requestId));
  }

  /** The latest request of this patient that got this link reference. */
  byLinkRef(abhaAddress: string, linkRef: string): LinkRequestRecord | undefined {
    return fromRow(this.byRefStmt.get(abhaAddress, linkRef));
  }

  byConfirmRequestId(requestId: string): LinkRequestRecord | undefined {
    return fromRow(this.byConfirmStmt.get(requestId));
  }

  initAnswered(requestId: string, linkRef: string | undefined, expiry: string | undefined, status: LinkRequestStatus, at: string): void {
    this.group?.begin();
    this.initAnsweredStmt.run(linkRef ?? null, expiry ?? null, status, at, requestId);
  }

  setStatus(requestId: string, status: LinkRequestStatus, at: string): void {
    this.group?.begin();
    this.statusStmt.run(status, at, requestId);
  }

  /** Records a confirm call; the status stays as it was until the HIP answers (a replay keeps `linked`). */
  confirming(requestId: string, confirmRequestId: string, expectation: ConfirmExpectation, at: string): void {
    this.group?.begin();
    this.confirmingStmt.run(confirmRequestId, JSON.stringify(expectation), at, requestId);
  }
}

function fromRow(row: Row | undefined): LinkRequestRecord | undefined {
  if (!row) return undefined;
  return {
    requestId: row.request_id,
    transactionId: row.transaction_id,
    abhaAddress: row.abha_address,
    hipId: row.hip_id,
    entries: JSON.parse(row.entries) as HiTypeEntry[],
    linkRef: row.link_ref ?? undefined,
    communicationExpiry: row.communication_expiry ?? undefined,
    status: row.status,
    confirmRequestId: row.confirm_request_id ?? undefined,
    confirmExpectation: row.confirm_expectation === null ? undefined : (JSON.parse(row.confirm_expectation) as ConfirmExpectation),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
