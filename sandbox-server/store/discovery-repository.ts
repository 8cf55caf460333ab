// Discoveries the virtual patient started (spec §5.1): which HIP was asked, and what it answered.
import type { Db } from './database.js';
import type { GroupCommit } from './group-commit.js';

export type DiscoveryStatus = 'requested' | 'matched' | 'not-found' | 'undeliverable';

export interface DiscoveryRecord {
  transactionId: string;
  /** REQUEST-ID of the discover call; the HIP's on-discover echoes it. */
  requestId: string;
  abhaAddress: string;
  hipId: string;
  status: DiscoveryStatus;
  /** The HIP's answer as received (patient entries, matchedBy, error). */
  result?: unknown;
  createdAt: string;
  completedAt?: string;
}

interface Row {
  transaction_id: string;
  request_id: string;
  abha_address: string;
  hip_id: string;
  status: DiscoveryStatus;
  result: string | null;
  created_at: string;
  completed_at: string | null;
}

export class DiscoveryRepository {
  private readonly insertStmt;
  private readonly byTransactionStmt;
  private readonly byRequestStmt;
  private readonly completeStmt;

  constructor(
    db: Db,
    private readonly group?: GroupCommit,
  ) {
    this.insertStmt = db.prepare('INSERT INTO discoveries (transaction_id, request_id, abha_address, hip_id, status, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.byTransactionStmt = db.prepare<[string], Row>('SELECT * FROM discoveries WHERE transaction_id = ?');
    this.byRequestStmt = db.prepare<[string], Row>('SELECT * FROM discoveries WHERE request_id = ?');
    this.completeStmt = db.prepare('UPDATE discoveries SET status = ?, result = ?, completed_at = ? WHERE transaction_id = ?');
  }

  insert(d: Pick<DiscoveryRecord, 'transactionId' | 'requestId' | 'abhaAddress' | 'hipId' | 'createdAt'>): void {
    this.group?.begin();
    this.insertStmt.run(d.transactionId, d.requestId, d.abhaAddress, d.hipId, 'requested', d.createdAt);
  }

  byTransactionId(transactionId: string): DiscoveryRecord | undefined {
    return fromRow(this.byTransactionStmt.get(transactionId));
  }

  byRequestId(requestId: string): DiscoveryRecord | undefined {
    return fromRow(this.byRequestStmt.get(requestId));
  }

  complete(transactionId: string, status: DiscoveryStatus, result: unknown, at: string): void {
    this.group?.begin();
    this.completeStmt.run(status, result === undefined ? null : JSON.stringify(result), at, transactionId);
  }
}

function fromRow(row: Row | undefined): DiscoveryRecord | undefined {
  if (!row) return undefined;
  return {
    transactionId: row.transaction_id,
    requestId: row.request_id,
    abhaAddress: row.abha_address,
    hipId: row.hip_id,
    status: row.status,
    result: row.result === null ? undefined : JSON.parse(row.result),
    createdAt: row.created_at,
    completedAt: row.completed_at ?? undefined,
  };
}
